import { findForbiddenPhrases, phraseWarningText } from '../domain/phrases.js';
import { warn, type Io } from '../ui/io.js';

/** Warns on stderr about each phrase to avoid (#307); the text is saved all the same. */
export function warnPhrases(io: Io, text: string | undefined | null): void {
  if (!text) return;
  for (const w of findForbiddenPhrases(text)) warn(io, phraseWarningText(w));
}
