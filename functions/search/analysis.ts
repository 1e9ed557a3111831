/**
 * Text analysis shared by both search adapters, so that the embedded engine and the
 * OpenSearch request bodies agree on what a term is, how many typos it tolerates, how many
 * terms must match, and which phrases a title offers as suggestions.
 */

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
const POSSESSIVE = /['\u2019]s\b/g;
const APOSTROPHES = /['\u2019]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;

/** Lower-case, accent-free text with possessives and apostrophes dropped ("Children's" → "children"). */
function fold(text: string): string {
  let folded = text.toLowerCase();
  // NFKD + mark stripping is the slow part; most catalog text is plain ASCII and skips it.
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFKD').replace(COMBINING_MARKS, '');
  return folded.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
}

/**
 * Splits text into lower-case terms: runs of letters and digits, accents folded. Like
 * OpenSearch's standard analyzer, "WH-1000XM5" gives "wh" and "1000xm5"; no stemming and no
 * stop words, so both adapters see the same terms.
 */
export function tokenize(text: string): string[] {
  const folded = fold(text);
  return folded.match(NON_ASCII.test(folded) ? WORD : ASCII_WORD) ?? [];
}

/** Terms of a query past this many are ignored: nobody types more, and counters stay small. */
export const MAX_QUERY_TERMS = 32;

/** The distinct terms of a query, in their order of first appearance. */
export function queryTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(tokenize(q))].slice(0, MAX_QUERY_TERMS);
}

/**
 * Typos a query term tolerates: none below 4 characters, one for 4–7, two from 8 on.
 * OpenSearch spells the same rule `fuzziness: "AUTO:4,8"`.
 */
export function maxEditsFor(term: string): 0 | 1 | 2 {
  if (term.length < 4) return 0;
  return term.length < 8 ? 1 : 2;
}

export const OPENSEARCH_FUZZINESS = 'AUTO:4,8';

/**
 * How many of `termCount` query terms a document must match: all of one or two; from three
 * on, a quarter (rounded down) may be missing. OpenSearch spells it `"2<-25%"`.
 */
export function minimumTermsToMatch(termCount: number): number {
  if (termCount <= 2) return termCount;
  return termCount - Math.floor(termCount * 0.25);
}

export const OPENSEARCH_MINIMUM_SHOULD_MATCH = '2<-25%';

/** Words that end a suggestion phrase rather than appear inside one ("headphones with mic"). */
const PHRASE_BREAKS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'without',
]);

/** Words too vague to be a suggestion on their own, though fine inside one ("knife set"). */
const VAGUE_SINGLE_WORDS = new Set([
  'set',
  'pack',
  'kit',
  'count',
  'piece',
  'pieces',
  'size',
  'new',
  'edition',
]);

const SEGMENT_SEPARATORS = /[,;:()[\]{}|/+&!?"]|\s[-\u2013\u2014]\s/;
const HAS_DIGIT = /\d/;
const WHITESPACE = /\s+/;
const LONGEST_SUFFIX_PHRASE = 4;
const LONGEST_LEADING_PHRASE = 2;

/**
 * The phrases a product title offers to the suggester, lower-case, without repeats.
 *
 * A title reads "Brand Descriptors Noun, variant": its natural completions are the endings of
 * each segment ("headphones", "wireless headphones", "noise cancelling headphones") and the
 * title's opening words (the brand: "lego", "lego city"). Segments break at punctuation, at
 * small words ("with", "for") and at words holding digits (model numbers, sizes), so phrases
 * never carry "1000xm5" or "34 oz".
 */
export function suggestionPhrases(title: string): string[] {
  const phrases = new Set<string>();
  let atTitleStart = true;
  for (const part of title.split(SEGMENT_SEPARATORS)) {
    let run: string[] = [];
    for (const word of part.split(WHITESPACE)) {
      if (word === '') continue;
      const breaksRun = HAS_DIGIT.test(word);
      for (const term of breaksRun ? [] : tokenize(word)) {
        if (!PHRASE_BREAKS.has(term)) {
          run.push(term);
          continue;
        }
        addSegmentPhrases(run, atTitleStart, phrases);
        atTitleStart = false;
        run = [];
      }
      if (breaksRun) {
        addSegmentPhrases(run, atTitleStart, phrases);
        atTitleStart = false;
        run = [];
      }
    }
    addSegmentPhrases(run, atTitleStart, phrases);
    atTitleStart = false;
  }
  return [...phrases];
}

function addSegmentPhrases(words: string[], atTitleStart: boolean, phrases: Set<string>): void {
  const count = words.length;
  if (count === 0) return;
  for (let length = 1; length <= Math.min(LONGEST_SUFFIX_PHRASE, count); length++) {
    addPhrase(words.slice(count - length), phrases);
  }
  if (!atTitleStart) return;
  for (let length = 1; length <= Math.min(LONGEST_LEADING_PHRASE, count); length++) {
    addPhrase(words.slice(0, length), phrases);
  }
}

function addPhrase(words: string[], phrases: Set<string>): void {
  const first = words[0];
  if (first === undefined || first.length < 2) return;
  if (words.length === 1 && (first.length < 3 || VAGUE_SINGLE_WORDS.has(first))) return;
  phrases.add(words.join(' '));
}

/**
 * A typed prefix in the suggester's form: folded terms joined by single spaces, with a trailing
 * space kept when the user has finished the last word ("Wireless " → "wireless ").
 */
export function normalizeSuggestionPrefix(prefix: string): string {
  const terms = tokenize(prefix);
  if (terms.length === 0) return '';
  const finishedLastWord = /[^\p{L}\p{N}]$/u.test(prefix);
  return terms.join(' ') + (finishedLastWord ? ' ' : '');
}
