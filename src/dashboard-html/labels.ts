/**
 * Chinese and English labels for the dashboard's codes (statuses, grounds, sanctions), from the
 * one label table of `src/office/labels.ts`. An unknown code is shown as it is.
 */
import { bilingual } from '../office/labels';

/** `中文 English` for a code (as a case's status when `of` is `case`), or the code itself. */
export const label = (code: string | null | undefined, of?: 'case'): string => bilingual(code, of);
