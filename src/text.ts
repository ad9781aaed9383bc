/**
 * Text as numbers for recurrent networks: a vocabulary (어휘) of words or characters, each
 * token encoded as a one-hot row (원-핫 인코딩), and decoded back by the largest entry.
 *
 * Layout, as in ./recurrent: one token per row. `encode(tokens)` is a tokens x vocabulary
 * matrix; `encodeBatch(sequences)` is time-major, an array over steps of batch x vocabulary
 * matrices, the X that `rnnForward` takes.
 *
 * For real text (part 4): `tokenize` splits English into words and punctuation; a vocabulary
 * `byFrequency` numbers the most frequent tokens first after special ones such as a padding
 * and an unknown token; `ids` turns tokens into integers, and `padSequences` brings integer
 * sequences to one length.
 */
import type { Matrix } from "ml-matrix";
import { argmaxRows, oneHot } from "./classification";

/**
 * Words split on whitespace: words("as soon as") = ["as", "soon", "as"].
 * @taught 66
 */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/**
 * The characters of a string, one per entry (code points, so "한글" gives two).
 * @taught 73
 */
export function characters(text: string): string[] {
  return Array.from(text);
}

/**
 * English words and punctuation marks, lower-cased, each mark a token of its own; an apostrophe
 * inside a word stays: tokenize("Don't stop, Sam!") = ["don't", "stop", ",", "sam", "!"].
 * Letters of any script count, so Korean words come out whole.
 * @taught N2
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * Options of `Vocabulary.byFrequency`.
 * @internal
 */
export interface FrequencyOptions {
  /** Tokens placed first, in this order, such as ["<pad>", "<unk>"]: the first one is number 0. */
  specials?: readonly string[];
  /** The special token that stands for every token outside the vocabulary (default: none, and such tokens throw). */
  unknown?: string;
  /** Keep at most this many counted tokens, the most frequent (default: all). */
  maxTokens?: number;
  /** Leave out tokens seen fewer times than this (default 1). */
  minCount?: number;
}

/**
 * Tokens numbered 0..size-1; the first token seen gets 0.
 * @taught 66
 */
export class Vocabulary {
  readonly tokens: readonly string[];
  /** The token that every token outside the vocabulary becomes, if any. */
  readonly unknown: string | undefined;
  private readonly indexOf: ReadonlyMap<string, number>;

  /** A vocabulary of exactly these tokens, in this order (no duplicates); `unknown` must be one of them. */
  constructor(tokens: readonly string[], { unknown }: { unknown?: string } = {}) {
    if (tokens.length === 0) throw new RangeError("a vocabulary needs at least one token");
    const indexOf = new Map<string, number>();
    tokens.forEach((token, i) => {
      if (typeof token !== "string") throw new TypeError(`tokens[${i}] must be a string, got ${typeof token}`);
      if (indexOf.has(token)) throw new RangeError(`tokens[${i}] "${token}" repeats tokens[${indexOf.get(token)}]`);
      indexOf.set(token, i);
    });
    if (unknown !== undefined && !indexOf.has(unknown))
      throw new RangeError(`the unknown token "${unknown}" must be one of the tokens`);
    this.tokens = [...tokens];
    this.indexOf = indexOf;
    this.unknown = unknown;
  }

  /**
   * The tokens of some texts numbered by frequency: the special tokens first, then the most
   * frequent token, ties in order of first appearance (as Keras's Tokenizer numbers them).
   */
  static byFrequency(
    texts: readonly (readonly string[])[],
    { specials = [], unknown, maxTokens = Infinity, minCount = 1 }: FrequencyOptions = {},
  ): Vocabulary {
    if (!(maxTokens >= 0)) throw new RangeError(`maxTokens must be 0 or more, got ${maxTokens}`);
    if (!(minCount >= 1)) throw new RangeError(`minCount must be 1 or more, got ${minCount}`);
    if (unknown !== undefined && !specials.includes(unknown))
      throw new RangeError(`the unknown token "${unknown}" must be one of the specials [${specials.join(", ")}]`);
    const counts = new Map<string, number>();
    for (const text of texts) for (const token of text) counts.set(token, (counts.get(token) ?? 0) + 1);
    const counted = [...counts]
      .filter(([token, count]) => count >= minCount && !specials.includes(token))
      .sort((a, b) => b[1] - a[1]) // stable: ties keep their first appearance
      .slice(0, maxTokens)
      .map(([token]) => token);
    return new Vocabulary([...specials, ...counted], { unknown });
  }

  /** The distinct tokens of a list, in order of first appearance: of(["as", "soon", "as"]) has as = 0, soon = 1. */
  static of(tokens: readonly string[]): Vocabulary {
    return new Vocabulary([...new Set(tokens)]);
  }

  /** The distinct words of a text, in order of first appearance. */
  static fromWords(text: string): Vocabulary {
    return Vocabulary.of(words(text));
  }

  /** The distinct characters of a text, in order of first appearance: "hello" gives h, e, l, o. */
  static fromCharacters(text: string): Vocabulary {
    return Vocabulary.of(characters(text));
  }

  get size(): number {
    return this.tokens.length;
  }

  /** The number of a token; a token outside the vocabulary is the unknown token's, or an error without one. */
  index(token: string): number {
    const i = this.indexOf.get(token) ?? (this.unknown === undefined ? undefined : this.indexOf.get(this.unknown));
    if (i === undefined)
      throw new RangeError(`"${token}" is not in the vocabulary [${this.shortList()}] and it has no unknown token`);
    return i;
  }

  /** Whether the token is one of the vocabulary's own (the unknown token stands in for the others). */
  has(token: string): boolean {
    return this.indexOf.has(token);
  }

  /** The numbers of some tokens: integer encoding (정수 인코딩). */
  ids(tokens: readonly string[]): number[] {
    return tokens.map((t) => this.index(t));
  }

  /** The tokens of some numbers. */
  tokensOf(ids: readonly number[]): string[] {
    return ids.map((i) => this.token(i));
  }

  /** The tokens for an error message: all of a small vocabulary, the first ten of a large one. */
  private shortList(): string {
    return this.size <= 10
      ? this.tokens.join(", ")
      : `${this.tokens.slice(0, 10).join(", ")}, ... (${this.size} tokens)`;
  }

  /** The token with this number. */
  token(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`index must be an integer 0..${this.size - 1}, got ${index}`);
    return this.tokens[index];
  }

  /** One one-hot row per token: tokens x size. */
  encode(tokens: readonly string[]): Matrix {
    if (tokens.length === 0) throw new RangeError("nothing to encode: the token list is empty");
    return oneHot(
      tokens.map((t) => this.index(t)),
      this.size,
    );
  }

  /**
   * Sequences of equal length, time-major: result[t] is batch x size, row b the one-hot of
   * sequences[b][t]. The input X of `rnnForward`.
   */
  encodeBatch(sequences: readonly (readonly string[])[]): Matrix[] {
    if (sequences.length === 0) throw new RangeError("nothing to encode: no sequences");
    const steps = sequences[0].length;
    sequences.forEach((s, b) => {
      if (s.length !== steps)
        throw new RangeError(
          `sequences[${b}] has ${s.length} tokens but sequences[0] has ${steps}: the batch needs equal lengths`,
        );
    });
    if (steps === 0) throw new RangeError("the sequences are empty");
    return Array.from({ length: steps }, (_, t) => this.encode(sequences.map((s) => s[t])));
  }

  /** The token of each row: the column with the largest value (one-hot rows or scores/probabilities). */
  decode(rows: Matrix): string[] {
    if (rows.columns !== this.size)
      throw new RangeError(`rows have ${rows.columns} columns but the vocabulary has ${this.size} tokens`);
    return argmaxRows(rows).map((i) => this.tokens[i]);
  }
}

/**
 * Options of `padSequences`, with Keras's defaults.
 * @internal
 */
export interface PadOptions {
  /** Where the padding goes: "pre" (default) before the tokens, "post" after them. */
  padding?: "pre" | "post";
  /** Which end a longer sequence loses: "pre" (default) its first tokens, "post" its last. */
  truncating?: "pre" | "post";
  /** The number to pad with (default 0, the padding token of a vocabulary with `specials: ["<pad>", ...]`). */
  value?: number;
}

/**
 * Integer sequences brought to one length: shorter ones padded, longer ones cut (패딩).
 * @taught N2
 */
export function padSequences(
  sequences: readonly (readonly number[])[],
  length: number,
  { padding = "pre", truncating = "pre", value = 0 }: PadOptions = {},
): number[][] {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be a positive integer, got ${length}`);
  return sequences.map((sequence) => {
    const kept =
      sequence.length <= length
        ? [...sequence]
        : truncating === "pre"
          ? sequence.slice(sequence.length - length)
          : sequence.slice(0, length);
    const fill = new Array<number>(length - kept.length).fill(value);
    return padding === "pre" ? [...fill, ...kept] : [...kept, ...fill];
  });
}
