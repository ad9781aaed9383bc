/**
 * Text as numbers for recurrent networks: a vocabulary (어휘) of words or characters, each
 * token encoded as a one-hot row (원-핫 인코딩), and decoded back by the largest entry.
 *
 * Layout, as in ./recurrent: one token per row. `encode(tokens)` is a tokens x vocabulary
 * matrix; `encodeBatch(sequences)` is time-major, an array over steps of batch x vocabulary
 * matrices, the X that `rnnForward` takes.
 *
 * Taught in: 66-67 (the words "as" and "soon" as one-hot vectors), 70 (a batch of
 * sentences); 73 (characters of "hello").
 */
import { Matrix } from "ml-matrix";
import { argmaxRows, oneHot } from "./classification";

/** Words split on whitespace: words("as soon as") = ["as", "soon", "as"]. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** The characters of a string, one per entry (code points, so "한글" gives two). */
export function characters(text: string): string[] {
  return Array.from(text);
}

/** Tokens numbered 0..size-1; the first token seen gets 0. */
export class Vocabulary {
  readonly tokens: readonly string[];
  private readonly indexOf: ReadonlyMap<string, number>;

  /** A vocabulary of exactly these tokens, in this order (no duplicates). */
  constructor(tokens: readonly string[]) {
    if (tokens.length === 0) throw new RangeError("a vocabulary needs at least one token");
    const indexOf = new Map<string, number>();
    tokens.forEach((token, i) => {
      if (typeof token !== "string") throw new TypeError(`tokens[${i}] must be a string, got ${typeof token}`);
      if (indexOf.has(token)) throw new RangeError(`tokens[${i}] "${token}" repeats tokens[${indexOf.get(token)}]`);
      indexOf.set(token, i);
    });
    this.tokens = [...tokens];
    this.indexOf = indexOf;
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

  /** The number of a token; throws for a token outside the vocabulary. */
  index(token: string): number {
    const i = this.indexOf.get(token);
    if (i === undefined) throw new RangeError(`"${token}" is not in the vocabulary [${this.tokens.join(", ")}]`);
    return i;
  }

  /** The token with this number. */
  token(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`index must be an integer 0..${this.size - 1}, got ${index}`);
    return this.tokens[index];
  }

  /** One one-hot row per token: tokens x size. */
  encode(tokens: readonly string[]): Matrix {
    if (tokens.length === 0) throw new RangeError("nothing to encode: the token list is empty");
    return oneHot(tokens.map((t) => this.index(t)), this.size);
  }

  /**
   * Sequences of equal length, time-major: result[t] is batch x size, row b the one-hot of
   * sequences[b][t]. The input X of `rnnForward`.
   */
  encodeBatch(sequences: readonly (readonly string[])[]): Matrix[] {
    if (sequences.length === 0) throw new RangeError("nothing to encode: no sequences");
    const steps = sequences[0].length;
    sequences.forEach((s, b) => {
      if (s.length !== steps) throw new RangeError(`sequences[${b}] has ${s.length} tokens but sequences[0] has ${steps}: the batch needs equal lengths`);
    });
    if (steps === 0) throw new RangeError("the sequences are empty");
    return Array.from({ length: steps }, (_, t) => this.encode(sequences.map((s) => s[t])));
  }

  /** The token of each row: the column with the largest value (one-hot rows or scores/probabilities). */
  decode(rows: Matrix): string[] {
    if (rows.columns !== this.size) throw new RangeError(`rows have ${rows.columns} columns but the vocabulary has ${this.size} tokens`);
    return argmaxRows(rows).map((i) => this.tokens[i]);
  }
}
