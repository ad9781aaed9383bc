/** document-vectors (src/document-vectors.ts): the document-term matrix, TF-IDF and cosine similarity. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  cosineSimilarity,
  documentFrequency,
  documentTermMatrix,
  inverseDocumentFrequency,
  tfidf,
} from "../src/document-vectors";
import { Vocabulary } from "../src/text";

const docs = [
  ["a", "b", "a"],
  ["b", "c"],
  ["a", "x"],
];

test("documentTermMatrix counts each token in its column; unknown tokens go to <unk> or throw", () => {
  const v = new Vocabulary(["<unk>", "a", "b", "c"], { unknown: "<unk>" });
  assert.deepEqual(documentTermMatrix(docs, v), [
    [0, 2, 1, 0],
    [0, 0, 1, 1],
    [1, 1, 0, 0],
  ]);
  assert.throws(() => documentTermMatrix(docs, new Vocabulary(["a", "b", "c"])), /"x" is not in the vocabulary/);
});

test("documentFrequency and tfidf: smoothed idf ln((1 + n) / (1 + df)) + 1", () => {
  const dtm = [
    [2, 1, 0],
    [0, 1, 1],
    [1, 0, 0],
  ];
  assert.deepEqual(documentFrequency(dtm), [2, 2, 1]);
  const idf = [Math.log(4 / 3) + 1, Math.log(4 / 3) + 1, Math.log(2) + 1];
  assert.deepEqual(
    tfidf(dtm),
    dtm.map((row) => row.map((c, t) => c * idf[t])),
  );
  assert.deepEqual(
    tfidf([
      [3, 1],
      [1, 0],
    ])[0][0],
    3,
    "a term in every document keeps weight 1",
  );
  assert.throws(() => documentFrequency([]), /has no documents/);
});

test("cosineSimilarity: 1 for the same direction, 0 for orthogonal, an error for a zero vector", () => {
  assert.equal(cosineSimilarity([1, 2], [2, 4]), 1);
  assert.equal(cosineSimilarity([1, 0], [0, 3]), 0);
  assert.ok(Math.abs(cosineSimilarity([1, 1], [1, 0]) - Math.SQRT1_2) < 1e-15);
  assert.throws(() => cosineSimilarity([0, 0], [1, 2]), /a zero vector has no direction/);
  assert.throws(() => cosineSimilarity([1], [1, 2]), /vectors of 1 and 2 entries/);
});

test("property: cosine similarity lies in [-1, 1], is symmetric and ignores scale", () => {
  const vec = fc
    .array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 })
    .filter((v) => v.some((x) => Math.abs(x) > 1e-3));
  fc.assert(
    fc.property(vec, vec, fc.double({ min: 0.1, max: 10, noNaN: true }), (a, b, k) => {
      const c = cosineSimilarity(a, b);
      assert.ok(c >= -1 - 1e-12 && c <= 1 + 1e-12);
      assert.ok(Math.abs(c - cosineSimilarity(b, a)) < 1e-12);
      assert.ok(
        Math.abs(
          c -
            cosineSimilarity(
              a.map((x) => k * x),
              b,
            ),
        ) < 1e-9,
      );
    }),
  );
});

test("tfidf with the training idf weighs held-out rows as the training ones; l2 rows have length 1", () => {
  const train = [
    [2, 1, 0],
    [0, 1, 1],
    [1, 0, 0],
  ];
  const idf = inverseDocumentFrequency(train);
  assert.deepEqual(idf, [Math.log(4 / 3) + 1, Math.log(4 / 3) + 1, Math.log(2) + 1]);
  const heldOut = [
    [0, 0, 3],
    [0, 0, 0],
  ];
  assert.deepEqual(tfidf(heldOut, { idf }), [
    [0, 0, 3 * idf[2]],
    [0, 0, 0],
  ]);
  const unit = tfidf(train, { normalize: "l2" });
  for (const row of unit) assert.ok(Math.abs(Math.hypot(...row) - 1) < 1e-15);
  assert.deepEqual(
    tfidf(heldOut, { idf, normalize: "l2" }),
    [
      [0, 0, 1],
      [0, 0, 0],
    ],
    "a row of zeros stays zeros",
  );
});

test("tfidf rejects an idf of another length and an unknown normalization", () => {
  assert.throws(() => tfidf([[1, 2]], { idf: [1, 1, 1] }), /row 0 has 2 terms but the idf has 3/);
  assert.throws(() => tfidf([[1, 2]], { normalize: "l1" as "l2" }), /normalize must be "l2", got l1/);
  assert.throws(() => inverseDocumentFrequency([]), /has no documents/);
});

test("property: l2-normalized TF-IDF rows have length 1 or 0 and keep the rows' directions", () => {
  const rows = fc.array(fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 });
  fc.assert(
    fc.property(rows, (dtm) => {
      const plain = tfidf(dtm);
      tfidf(dtm, { normalize: "l2" }).forEach((row, d) => {
        const length = Math.hypot(...row);
        if (dtm[d].every((c) => c === 0)) assert.equal(length, 0);
        else {
          assert.ok(Math.abs(length - 1) < 1e-12);
          assert.ok(Math.abs(cosineSimilarity(row, plain[d]) - 1) < 1e-12);
        }
      });
    }),
  );
});
