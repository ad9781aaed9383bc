/** emails (src/emails.ts): the text of a raw message, and the SpamAssassin corpus. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { emailSequences, emailText, spamAssassin } from "../src/emails";

const raw = [
  "From someone@example.com  Thu Aug 22 12:36:23 2002",
  "Received: from mail.example.com (mail.example.com [10.0.0.1])",
  "Subject: Re: New Sequences Window",
  "Content-Type: text/html",
  "",
  "<html><body><b>Hello</b>&nbsp;world &#36;5 &#x41;</body></html>",
  "",
  "second paragraph",
].join("\n");

test("emailText keeps the subject and the body, drops the other headers and the HTML", () => {
  assert.equal(emailText(raw), "Re: New Sequences Window\n   Hello  world  5    \n\nsecond paragraph");
  assert.equal(emailText(raw.replace(/\n/g, "\r\n")), emailText(raw), "CRLF line ends read the same");
  assert.equal(emailText("Subject: only headers\nFrom: x"), "only headers\n", "no empty line: all headers, no body");
  assert.equal(emailText("From: x\n\nbody"), "\nbody", "no subject: an empty first line");
  assert.equal(
    emailText("Subject: s\n\nEnsurin=\ng a=3Db=20c"),
    "s\nEnsuring a b c",
    "quoted-printable soft breaks and escapes",
  );
});

test("emailText rejects what is not a string", () => {
  assert.throws(() => emailText(undefined as unknown as string), /the message must be a string, got undefined/);
  assert.throws(() => emailText(42 as unknown as string), /got number/);
});

test("property: emailText never returns a tag or a header line other than the subject", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (subject, body) => {
      const text = emailText(`X-Mailer: secret\nSubject: ${subject.replace(/\n/g, " ")}\n\n${body}`);
      assert.ok(!/<[^>]*>/.test(text));
      assert.ok(!text.includes("X-Mailer"));
    }),
  );
});

test("spamAssassin: 5,941 distinct texts of the 6,046 messages, 1,829 of them spam", () => {
  const emails = spamAssassin();
  assert.equal(emails.length, 5941);
  assert.equal(emails.filter((e) => e.spam === 1).length, 1829);
  assert.equal(new Set(emails.map((e) => e.text)).size, emails.length);
  assert.ok(emails.every((e) => (e.spam === 1) === e.group.startsWith("spam")));
  assert.ok(emails.every((e) => !/^Received:/m.test(e.text.split("\n")[0])));
});

test("emailSequences: a training vocabulary, sequences cut and padded at the front, labels per part", () => {
  const emails = [
    { text: "Buy now now", spam: 1, group: "spam-1" },
    { text: "hello you", spam: 0, group: "easy-ham-1" },
    { text: "now hello zebra", spam: 0, group: "easy-ham-1" },
    { text: "now", spam: 1, group: "spam-1" },
  ] as const;
  const { tokensOf, vocab, Xseq, y } = emailSequences(
    emails,
    { train: [0, 1], validation: [3], test: [2] },
    { length: 2, maxWords: 2 },
  );
  assert.deepEqual(tokensOf(0), ["buy", "now"], "the first `length` tokens");
  assert.deepEqual(vocab.tokens, ["<pad>", "<unk>", "buy", "now"], "the training part's most frequent tokens");
  assert.deepEqual(Xseq, {
    train: [
      [2, 3],
      [1, 1],
    ],
    validation: [[0, 3]],
    test: [[3, 1]],
  });
  assert.deepEqual(y, { train: [1, 0], validation: [1], test: [0] });
  assert.throws(
    () => emailSequences(emails, { train: [0, 4], validation: [], test: [] }, { length: 2, maxWords: 2 }),
    /parts.train\[1\] is 4, not an index of the 4 emails/,
  );
});
