/**
 * Grouping sampled answers into answer classes, shared by majAtK, votes and early-stopping self-consistency.
 * Answers are compared with SameValueZero (a Map key), so the string "1" and the number 1 are different answers;
 * `null` and `undefined` mean "no answer extracted" and never vote.
 */
import { check, fail, type NumericArray } from '../util/check.js';

/** An extracted answer; `null`/`undefined` means the sample gave none (it abstains from votes). */
export type Answer = string | number | boolean | null | undefined;

/** One problem's sampled answers: any array, or a typed array of integer answer ids. */
export type Answers = readonly Answer[] | NumericArray;

/** Correctness as the gold answer, or one flag per sample (true/1 = correct). */
export type Correctness = string | number | readonly boolean[] | NumericArray;

/** Answer classes of one problem, in order of first appearance. */
export interface AnswerClasses {
  /** The distinct answers. */
  labels: Answer[];
  /** Samples per class. */
  counts: Int32Array;
  /** 1 where the class is correct. */
  correct: Uint8Array;
  /** Samples with no answer. */
  abstain: number;
  /** Class index per sample, −1 for abstentions. */
  classOf: Int32Array;
}

/** Groups answers into classes; `correct` is the gold answer or per-sample flags that must agree within a class. */
export function answerClasses(answers: Answers, correct: Correctness | undefined, fn: string): AnswerClasses {
  if (!Array.isArray(answers) && !ArrayBuffer.isView(answers)) fail(fn, `answers must be an array (got ${typeof answers})`);
  if (answers.length === 0) fail(fn, 'answers must not be empty');
  const flags = correct !== undefined && typeof correct === 'object' ? correct : undefined;
  if (flags) check.sameLength(answers, 'answers', flags, 'correct', fn);
  const index = new Map<Answer, number>();
  const labels: Answer[] = [];
  const countList: number[] = [];
  const correctList: number[] = [];
  const classOf = new Int32Array(answers.length);
  let abstain = 0;
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined) { abstain++; classOf[i] = -1; continue; }
    let id = index.get(a);
    const isRight = flags ? Number(flags[i]) === 1 : a === correct;
    if (id === undefined) {
      id = labels.length;
      index.set(a, id);
      labels.push(a);
      countList.push(0);
      correctList.push(isRight ? 1 : 0);
    } else if (flags && correctList[id] !== (isRight ? 1 : 0)) {
      fail(fn, `correct must agree within each answer (answer ${JSON.stringify(a)} is marked both correct and incorrect, see correct[${i}])`);
    }
    countList[id]!++;
    classOf[i] = id;
  }
  return { labels, counts: Int32Array.from(countList), correct: Uint8Array.from(correctList), abstain, classOf };
}
