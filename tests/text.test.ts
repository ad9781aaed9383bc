import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fc from "fast-check";
import { characters, padSequences, tokenize, Vocabulary, words } from "../src/text";

test("words splits on whitespace; characters splits into code points", () => {
  assert.deepEqual(words("  as soon\tas \n"), ["as", "soon", "as"]);
  assert.deepEqual(words(""), []);
  assert.deepEqual(characters("hello"), ["h", "e", "l", "l", "o"]);
  assert.deepEqual(characters("한글"), ["한", "글"]);
});

test("a vocabulary numbers tokens in order of first appearance", () => {
  const v = Vocabulary.fromWords("as soon as");
  assert.deepEqual(v.tokens, ["as", "soon"]);
  assert.equal(v.size, 2);
  assert.equal(v.index("soon"), 1);
  assert.equal(v.token(0), "as");
  assert.deepEqual(Vocabulary.fromCharacters("hello").tokens, ["h", "e", "l", "o"]);
  assert.deepEqual(Vocabulary.of(["b", "a", "b"]).tokens, ["b", "a"]);
  assert.deepEqual(new Vocabulary(["o", "l", "e", "h"]).tokens, ["o", "l", "e", "h"]);
});

test("encode gives one one-hot row per token; decode gives the tokens back", () => {
  const v = Vocabulary.fromCharacters("hello");
  const M = v.encode(characters("hell"));
  assert.deepEqual(M.to2DArray(), [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 1, 0],
  ]);
  assert.deepEqual(v.decode(M), ["h", "e", "l", "l"]);
  // Scores or probabilities decode to the largest entry of each row.
  assert.deepEqual(
    v.decode(
      new Matrix([
        [0.1, 0.6, 0.2, 0.1],
        [0, 0, 0.3, 0.7],
      ]),
    ),
    ["e", "o"],
  );
});

test("encodeBatch is time-major: step t holds token t of every sequence", () => {
  const v = Vocabulary.fromWords("as soon as");
  const X = v.encodeBatch([words("soon as as"), words("as soon as")]);
  assert.equal(X.length, 3);
  assert.deepEqual(X[0].to2DArray(), [
    [0, 1],
    [1, 0],
  ]);
  assert.deepEqual(X[1].to2DArray(), [
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(X[2].to2DArray(), [
    [1, 0],
    [1, 0],
  ]);
  assert.deepEqual(
    X.map((x) => v.decode(x)),
    [
      ["soon", "as"],
      ["as", "soon"],
      ["as", "as"],
    ],
  );
});

test("the vocabulary rejects what it cannot encode", () => {
  const v = Vocabulary.fromCharacters("hello");
  assert.throws(() => v.index("x"), /"x" is not in the vocabulary \[h, e, l, o\]/);
  assert.throws(() => v.encode(["h", "z"]), /"z" is not in the vocabulary/);
  assert.throws(() => v.encode([]), /the token list is empty/);
  assert.throws(() => v.token(4), /index must be an integer 0\.\.3/);
  assert.throws(() => v.decode(new Matrix(1, 3)), /rows have 3 columns but the vocabulary has 4 tokens/);
  assert.throws(() => v.encodeBatch([["h", "e"], ["l"]]), /sequences\[1\] has 1 tokens but sequences\[0\] has 2/);
  assert.throws(() => v.encodeBatch([]), /no sequences/);
  assert.throws(() => new Vocabulary([]), /at least one token/);
  assert.throws(() => new Vocabulary(["a", "b", "a"]), /tokens\[2\] "a" repeats tokens\[0\]/);
});

test("tokenize lower-cases and keeps punctuation marks as tokens, apostrophes inside words", () => {
  assert.deepEqual(tokenize("Don't stop, Sam!"), ["don't", "stop", ",", "sam", "!"]);
  assert.deepEqual(tokenize("A 2nd try... ok?"), ["a", "2nd", "try", ".", ".", ".", "ok", "?"]);
  assert.deepEqual(tokenize("'quoted' words"), ["'", "quoted", "'", "words"]);
  assert.deepEqual(tokenize("한국어는 띄어쓰기가 어렵다."), ["한국어는", "띄어쓰기가", "어렵다", "."]);
  assert.deepEqual(tokenize("  \n "), []);
});

test("byFrequency: specials first, then by count, ties in order of first appearance", () => {
  const texts = [tokenize("the cat sat on the mat"), tokenize("the dog sat")];
  const v = Vocabulary.byFrequency(texts, { specials: ["<pad>", "<unk>"], unknown: "<unk>" });
  assert.deepEqual(v.tokens, ["<pad>", "<unk>", "the", "sat", "cat", "on", "mat", "dog"]);
  assert.deepEqual(v.ids(tokenize("the bird sat")), [2, 1, 3]);
  assert.deepEqual(
    ["the", "bird", "<unk>"].map((t) => v.has(t)),
    [true, false, true],
  );
  assert.deepEqual(v.tokensOf([2, 1, 3]), ["the", "<unk>", "sat"]);
  assert.deepEqual(Vocabulary.byFrequency(texts, { maxTokens: 2 }).tokens, ["the", "sat"]);
  assert.deepEqual(Vocabulary.byFrequency(texts, { minCount: 2 }).tokens, ["the", "sat"]);
  assert.throws(
    () => Vocabulary.byFrequency(texts).ids(["bird"]),
    /"bird" is not in the vocabulary \[the, sat, cat, on, mat, dog\] and it has no unknown token/,
  );
  assert.throws(
    () => Vocabulary.byFrequency(texts, { unknown: "<unk>" }),
    /the unknown token "<unk>" must be one of the specials/,
  );
  assert.throws(() => Vocabulary.byFrequency(texts, { minCount: 0 }), /minCount must be 1 or more/);
  assert.throws(() => new Vocabulary(["a"], { unknown: "?" }), /the unknown token "\?" must be one of the tokens/);
});

test("property: byFrequency numbers every counted token, more frequent ones first", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      (texts) => {
        fc.pre(texts.some((t) => t.length > 0));
        const v = Vocabulary.byFrequency(texts);
        const count = (token: string) => texts.flat().filter((t) => t === token).length;
        assert.deepEqual([...v.tokens].sort(), [...new Set(texts.flat())].sort());
        v.tokens.forEach((t, i) => i > 0 && assert.ok(count(v.tokens[i - 1]) >= count(t)));
        for (const text of texts) assert.deepEqual(v.tokensOf(v.ids(text)), text);
      },
    ),
  );
});

test("padSequences pads and cuts at either end, as Keras's pad_sequences does", () => {
  const seqs = [[1, 2, 3, 4, 5], [6, 7], []];
  assert.deepEqual(padSequences(seqs, 3), [
    [3, 4, 5],
    [0, 6, 7],
    [0, 0, 0],
  ]);
  assert.deepEqual(padSequences(seqs, 3, { padding: "post", truncating: "post" }), [
    [1, 2, 3],
    [6, 7, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(padSequences([[6, 7]], 4, { value: -1 }), [[-1, -1, 6, 7]]);
  assert.deepEqual(padSequences([], 2), []);
  for (const bad of [0, 2.5, Number.NaN])
    assert.throws(() => padSequences(seqs, bad), /length must be a positive integer/);
});
