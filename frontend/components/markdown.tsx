'use client';

import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Rendered markdown for replies. Loaded lazily (see message-item.tsx) so it is not part of the first page load. */
export default function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      components={{
        a: ({ href, children }) => (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        ),
        // Headings in a reply sit below the page's h1 and the message landmark: keep the outline sane.
        h1: ({ children }) => <h3>{children}</h3>,
        h2: ({ children }) => <h3>{children}</h3>,
      }}
    >
      {text}
    </ReactMarkdown>
  );
}
