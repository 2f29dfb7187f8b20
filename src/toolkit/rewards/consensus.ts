/**
 * Label-free consensus rewards: agreement with the group's majority answer (MM-UPT, TTRL; seeds.md a4) and
 * Co-Reward ("Co-Reward: … via Contrastive Agreement", seeds.md a4), which rewards the answers to a question by the
 * majority answer of its paired, rephrased question, so that a policy cannot raise its reward by collapsing every
 * answer to one value per question.
 * A known failure (*Can Large Reasoning Models Self-Train?*): the majority can be confidently wrong; track
 * proxyGoldGap against a held-out verifier.
 */
import { check, fail } from '../util/check.js';
import type { Answer, Answers } from '../select/answers.js';
import { majorityVote } from '../select/vote.js';

function checkAnswerGroups(input: Answers, groupSize: number, name: string, fn: string): Answer[] {
  if ((!Array.isArray(input) && !ArrayBuffer.isView(input)) || input.length === 0) fail(fn, `${name} must be a non-empty array of answers`);
  const answers = Array.from(input as ArrayLike<Answer>);
  check.int(groupSize, 'groupSize', fn, { min: 1 });
  if (answers.length % groupSize !== 0) {
    fail(fn, `${name} length must be a multiple of groupSize (got ${answers.length} answers, groupSize=${groupSize})`);
  }
  return answers;
}

/** Majority answer of answers[g, g + G) (ties: first seen; null when nobody answered). */
function groupMajority(answers: readonly Answer[], g: number, G: number): Answer {
  return majorityVote(answers.slice(g, g + G)).answer;
}

/**
 * 1 where a completion's answer equals its group's majority answer, else 0 (null answers get 0; ties go to the answer
 * seen first).
 *
 * @example
 * rewards.majorityAgreement(['4', '4', '5', null], 4)   // [1, 1, 0, 0]
 */
export function majorityAgreement(input: Answers, groupSize: number): Float64Array {
  const fn = 'majorityAgreement';
  const answers = checkAnswerGroups(input, groupSize, 'answers', fn);
  const out = new Float64Array(answers.length);
  for (let g = 0; g < answers.length; g += groupSize) {
    const label = groupMajority(answers, g, groupSize);
    for (let i = g; i < g + groupSize; i++) out[i] = label !== null && answers[i] === label ? 1 : 0;
  }
  return out;
}

/** Rewards for both questions of each pair. */
export interface CoRewards {
  /** Rewards of the original question's completions, judged by the paired question's majority. */
  rewardsA: Float64Array;
  /** Rewards of the paired question's completions, judged by the original question's majority. */
  rewardsB: Float64Array;
}

/**
 * Co-Reward: group p of `answersA` (the original question) and group p of `answersB` (its rephrasing) are paired;
 * each completion gets 1 when its answer equals the majority answer of the *other* group.
 *
 * @example
 * rewards.coReward(['3', '3', '4'], ['3', '5', '3'], 3)   // rewardsA [1, 1, 0], rewardsB [1, 0, 1]
 */
export function coReward(inputA: Answers, inputB: Answers, groupSize: number): CoRewards {
  const fn = 'coReward';
  const answersA = checkAnswerGroups(inputA, groupSize, 'answersA', fn);
  const answersB = checkAnswerGroups(inputB, groupSize, 'answersB', fn);
  check.sameLength(answersA, 'answersA', answersB, 'answersB', fn);
  const rewardsA = new Float64Array(answersA.length), rewardsB = new Float64Array(answersB.length);
  for (let g = 0; g < answersA.length; g += groupSize) {
    const labelA = groupMajority(answersA, g, groupSize), labelB = groupMajority(answersB, g, groupSize);
    for (let i = g; i < g + groupSize; i++) {
      rewardsA[i] = labelB !== null && answersA[i] === labelB ? 1 : 0;
      rewardsB[i] = labelA !== null && answersB[i] === labelA ? 1 : 0;
    }
  }
  return { rewardsA, rewardsB };
}
