/** Limits both sides enforce; a module of its own so the browser can read them without the schemas. */

/** The longest message a cook can send (the web app refuses longer ones; the composer stops there and says so). */
export const MAX_MESSAGE_CHARS = 8000;
/** The most messages one agent request carries (the web app sends the latest ones). */
export const MAX_MESSAGES = 50;
