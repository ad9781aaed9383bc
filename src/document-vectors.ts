/**
 * Documents as vectors: a document-term matrix (문서 단어 행렬, DTM) of counts, the bag of
 * words of every document (단어의 가방); TF-IDF weights; cosine similarity (코사인 유사도).
 */
import type { Vocabulary } from "./text";

/**
 * Row d counts how often each token of the vocabulary occurs in document d (a token's count
 * sits in the column of its number). A token outside the vocabulary counts for its unknown
 * token if it has one, and is an error otherwise.
 * @taught N3
 */
export function documentTermMatrix(documents: readonly (readonly string[])[], vocabulary: Vocabulary): number[][] {
  return documents.map((tokens) => {
    const row = new Array<number>(vocabulary.size).fill(0);
    for (const token of tokens) row[vocabulary.index(token)] += 1;
    return row;
  });
}

/**
 * How many documents (rows) contain each term (column) at least once.
 * @taught N3
 */
export function documentFrequency(dtm: readonly (readonly number[])[]): number[] {
  if (dtm.length === 0) throw new RangeError("documentFrequency: the document-term matrix has no documents");
  return dtm[0].map((_, t) => dtm.reduce((n, row) => n + (row[t] > 0 ? 1 : 0), 0));
}

/**
 * The inverse document frequency of each term (column), ln((1 + n) / (1 + df)) + 1 for n
 * documents (scikit-learn's smoothed idf): a term in every document keeps weight 1, a rarer
 * term weighs more, and no weight is ever 0 or negative.
 * @taught N6
 */
export function inverseDocumentFrequency(dtm: readonly (readonly number[])[]): number[] {
  const n = dtm.length;
  return documentFrequency(dtm).map((df) => Math.log((1 + n) / (1 + df)) + 1);
}

/**
 * Options of `tfidf`.
 * @internal
 */
export interface TfidfOptions {
  /**
   * The weights to use, from `inverseDocumentFrequency` of the training documents: held-out
   * documents must be weighed as the training ones were (default: the idf of `dtm` itself).
   */
  idf?: readonly number[];
  /** "l2" scales every row to length 1 (a row of zeros stays zeros); default: none. */
  normalize?: "l2";
}

/**
 * Each count times its term's inverse document frequency (`inverseDocumentFrequency`), and
 * optionally every row scaled to length 1 so that long and short documents weigh alike.
 * @taught N3
 */
export function tfidf(dtm: readonly (readonly number[])[], { idf, normalize }: TfidfOptions = {}): number[][] {
  const weights = idf ?? inverseDocumentFrequency(dtm);
  dtm.forEach((row, d) => {
    if (row.length !== weights.length)
      throw new RangeError(`tfidf: row ${d} has ${row.length} terms but the idf has ${weights.length}`);
  });
  if (normalize !== undefined && normalize !== "l2")
    throw new RangeError(`tfidf: normalize must be "l2", got ${String(normalize)}`);
  return dtm.map((row) => {
    const weighted = row.map((count, t) => count * weights[t]);
    if (normalize !== "l2") return weighted;
    const length = Math.sqrt(weighted.reduce((s, w) => s + w * w, 0));
    return length === 0 ? weighted : weighted.map((w) => w / length);
  });
}

/**
 * a·b / (|a| |b|): 1 for vectors pointing the same way, 0 for orthogonal ones.
 * @taught N3
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: vectors of ${a.length} and ${b.length} entries`);
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 || bb === 0)
    throw new RangeError("cosineSimilarity: a zero vector has no direction (a document with no known token?)");
  return dot / Math.sqrt(aa * bb);
}
