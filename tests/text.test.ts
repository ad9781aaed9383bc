import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { characters, Vocabulary, words } from "../src/text";

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
  assert.deepEqual(M.to2DArray(), [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0]]);
  assert.deepEqual(v.decode(M), ["h", "e", "l", "l"]);
  // Scores or probabilities decode to the largest entry of each row.
  assert.deepEqual(v.decode(new Matrix([[0.1, 0.6, 0.2, 0.1], [0, 0, 0.3, 0.7]])), ["e", "o"]);
});

test("encodeBatch is time-major: step t holds token t of every sequence", () => {
  const v = Vocabulary.fromWords("as soon as");
  const X = v.encodeBatch([words("soon as as"), words("as soon as")]);
  assert.equal(X.length, 3);
  assert.deepEqual(X[0].to2DArray(), [[0, 1], [1, 0]]);
  assert.deepEqual(X[1].to2DArray(), [[1, 0], [0, 1]]);
  assert.deepEqual(X[2].to2DArray(), [[1, 0], [1, 0]]);
  assert.deepEqual(X.map((x) => v.decode(x)), [["soon", "as"], ["as", "soon"], ["as", "as"]]);
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
