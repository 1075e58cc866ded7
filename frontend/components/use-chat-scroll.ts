'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** The attribute that marks where a turn starts (the cook's message) in the message list. */
export const TURN_START_ATTRIBUTE = 'data-turn-start';

/** Room left above a pinned message, so it does not touch the top edge. */
const PIN_MARGIN_PX = 12;

const smooth = (): ScrollBehavior =>
  typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

/**
 * How the message list scrolls. A new turn is pinned: the cook's message moves to the top and the reply is written
 * below it, from its start, without following it down as it grows (a spacer under the list makes room for that and
 * shrinks as the reply fills it). A conversation opens at the start of its last turn. "Jump to latest" shows whenever
 * the end of the list is out of view (the cook scrolled up, or the reply grew past the screen).
 */
export function useChatScroll() {
  const scroller = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  // Whether the last turn (a new one, sent from this page) is kept at the top. Not an element: the message's element is
  // replaced when the server's id arrives for it.
  const pinned = useRef(false);
  const pending = useRef<'turn' | 'open' | null>('open');
  // Whether the pinned turn is still held at the top: until the cook scrolls. Content above it that reflows (the plan
  // panel opening beside the chat narrows the list) would otherwise push it down.
  const holding = useRef(false);
  // Where this hook last put the list (as the browser clamped it), to tell its own scrolls from the cook's.
  const placedAt = useRef(0);
  const [endInView, setEndInView] = useState(true);

  const lastTurn = useCallback(() => {
    const starts = scroller.current?.querySelectorAll<HTMLElement>(`[${TURN_START_ATTRIBUTE}]`);
    return starts && starts.length > 0 ? starts[starts.length - 1]! : null;
  }, []);

  /** Room below the list for the pinned turn to start at the top of the screen; none once its reply fills the screen. */
  const fitSpacer = useCallback(() => {
    const el = scroller.current;
    const pad = spacer.current;
    const turn = pinned.current ? lastTurn() : null;
    if (!el || !pad || !end.current) return;
    const below = turn ? end.current.offsetTop - turn.offsetTop + PIN_MARGIN_PX : el.clientHeight;
    pad.style.height = `${Math.max(0, el.clientHeight - below)}px`;
  }, [lastTurn]);

  // After the render that shows a new turn (or the opened conversation): scroll its start to the top.
  useLayoutEffect(() => {
    const kind = pending.current;
    const el = scroller.current;
    if (!kind || !el) return;
    pending.current = null;
    const turn = lastTurn();
    if (!turn) return;
    // A new turn gets room to sit at the top; an opened conversation does not (no blank space under its end).
    pinned.current = kind === 'turn';
    holding.current = kind === 'turn';
    fitSpacer();
    el.scrollTop = Math.max(0, turn.offsetTop - PIN_MARGIN_PX);
    placedAt.current = el.scrollTop;
  });

  // The reply growing (or the window resizing) changes how much room the pinned turn still needs.
  useEffect(() => {
    const el = scroller.current;
    const list = end.current?.parentElement;
    if (!el || !list) return;
    const observer = new ResizeObserver(() => {
      fitSpacer();
      const turn = holding.current ? lastTurn() : null;
      if (!turn) return;
      el.scrollTop = Math.max(0, turn.offsetTop - PIN_MARGIN_PX);
      placedAt.current = el.scrollTop;
    });
    observer.observe(list);
    observer.observe(el);
    // Any scroll that is not ours (wheel, touch, keys, the scrollbar, a script) lets go of the pinned turn.
    const onScroll = () => {
      if (Math.abs(el.scrollTop - placedAt.current) > 2) holding.current = false;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [fitSpacer, lastTurn]);

  useEffect(() => {
    const el = scroller.current;
    const marker = end.current;
    if (!el || !marker) return;
    const observer = new IntersectionObserver(([entry]) => setEndInView(entry?.isIntersecting ?? true), { root: el, rootMargin: '0px 0px 40px 0px' });
    observer.observe(marker);
    return () => observer.disconnect();
  }, []);

  /** Call when a send adds a turn: the next render pins it. */
  const pinNextTurn = useCallback(() => {
    pending.current = 'turn';
  }, []);

  const jumpToLatest = useCallback(() => {
    const el = scroller.current;
    const marker = end.current;
    if (!el || !marker) return;
    holding.current = false;
    el.scrollTo({ top: marker.offsetTop + PIN_MARGIN_PX - el.clientHeight, behavior: smooth() });
  }, []);

  return { scroller, end, spacer, endInView, pinNextTurn, jumpToLatest };
}
