/**
 * Terminal-safe text. Everything the program prints may hold text someone else typed (a problem
 * title, a stream id, an actor name, a file name in a message), so every write to stdout and stderr
 * goes through {@link terminalSafe}: control characters (C0 other than tab and line ends, DEL, C1)
 * and the invisible bidirectional and zero-width format characters are shown as `\uXXXX`. A
 * terminal then never receives an escape sequence (colour, clear screen, window title, hyperlinks)
 * and text is never reordered on screen. `\uXXXX` is also JSON's own escape, so JSON output parses
 * to the same strings.
 */

/**
 * C0 controls except tab and line feed, a carriage return not followed by a line feed (CSV records
 * end with CRLF), DEL, C1 controls, the Arabic letter mark, zero-width and direction marks,
 * line and paragraph separators, embeddings, overrides and isolates, word joiner and invisible
 * operators, and the byte order mark.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\r(?!\n)/g;

const shown = (c: string): string => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `text` with every character that could drive or mislead a terminal shown visibly as `\uXXXX`. */
export const terminalSafe = (text: string): string => text.replace(UNSAFE, shown);

/** True when `text` has nothing {@link terminalSafe} would change. */
export const isTerminalSafe = (text: string): boolean => {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return !found;
};
