import { describe, expect, it } from 'vitest';
import { RestartPolicy } from './restart-policy.js';

const options = { firstDelayMs: 1_000, maxDelayMs: 30_000, healthyAfterMs: 60_000 };

const delays = (policy: RestartPolicy, exits: Array<[number | string, number]>) =>
  exits.map(([exit, ran]) => {
    const decision = policy.afterExit(exit, ran);
    return decision.restart ? decision.delayMs : decision.why;
  });

describe('when npm start restarts a local agent', () => {
  it('when it keeps crashing, then each wait doubles, up to 30 s', () => {
    const crashes = Array.from({ length: 8 }, (): [string, number] => ['SIGKILL', 500]);
    expect(delays(new RestartPolicy(options), crashes)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('when it ran a while before crashing, then the wait starts again from 1 s', () => {
    const policy = new RestartPolicy(options);
    expect(
      delays(policy, [
        ['SIGKILL', 100],
        [1, 100],
        ['SIGSEGV', 100],
        ['SIGKILL', 59_999],
        ['SIGKILL', 60_000],
        ['SIGKILL', 100],
      ]),
    ).toEqual([1_000, 2_000, 4_000, 8_000, 1_000, 2_000]);
  });

  it('when it stopped cleanly, was given a wrong command line, or was refused for good, then never', () => {
    const policy = new RestartPolicy(options);
    expect(delays(policy, [[0, 100]])).toEqual([expect.stringMatching(/stopped cleanly/)]);
    expect(delays(policy, [[2, 100]])).toEqual([expect.stringMatching(/command line is wrong/)]);
    expect(delays(policy, [[3, 100]])).toEqual([expect.stringMatching(/refused it for good/)]);
    // Those did not count as crashes: the next crash still waits 1 s.
    expect(delays(policy, [['SIGKILL', 100]])).toEqual([1_000]);
  });
});
