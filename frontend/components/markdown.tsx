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
        // A task list's boxes ("- [ ] rice") are a picture of a list to tick, not a control: the list that keeps ticks
        // is the plan's. A drawn box, hidden from screen readers, instead of an unlabelled disabled checkbox.
        input: ({ type, checked }) =>
          type === 'checkbox' ? (
            <span aria-hidden="true" className="mr-1.5 inline-block">
              {checked ? '☑' : '☐'}
            </span>
          ) : null,
      }}
    >
      {text}
    </ReactMarkdown>
  );
}
