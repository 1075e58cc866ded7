/** The word list the ledger uses to tell a misspelling from a real word (an-array-of-english-words, MIT). */
declare module 'an-array-of-english-words' {
  const words: readonly string[];
  export default words;
}
