import { AwsError } from './types';

/** Random failures and delays applied to every AWS call. */
export interface FaultSettings {
  /** Share of calls answered with the service's throttling error, 0..1. */
  throttleRate: number;
  /** Share of calls answered with a 500 InternalError, 0..1. */
  serverErrorRate: number;
  /**
   * Share of calls that change something (not Describe, List or Get) that are applied and
   * then answered with a 500 InternalError, 0..1: the answer lost on its way back, after
   * which the SDK retries a request AWS has already carried out.
   */
  lostAnswerRate: number;
  /** Delay added before every answer, in real milliseconds. */
  latencyMs: number;
}

/** An error to return on the next matching call(s), e.g. InsufficientInstanceCapacity. */
export interface ScriptedFault {
  service: string;
  operation: string;
  code: string;
  message: string;
  status?: number;
  /** How many matching calls fail; default 1. */
  times?: number;
  /**
   * `before` (default): the request is refused and nothing changes. `after`: the request
   * is applied, then its answer is lost — replaced by this error, or, with code
   * `ConnectionReset`, by a dropped connection — as when a response times out on the way
   * back. A retried create then finds what the first attempt made (or duplicates it).
   */
  when?: 'before' | 'after';
}

export const NO_FAULTS: FaultSettings = {
  throttleRate: 0,
  serverErrorRate: 0,
  lostAnswerRate: 0,
  latencyMs: 0,
};

/** mulberry32: a small seeded generator, so a fault pattern can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, value: number) {
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`${name} must be between 0 and 1, got ${value}`);
  }
}

export class FaultInjector {
  private settings: FaultSettings = NO_FAULTS;
  private scripted: Required<ScriptedFault>[] = [];
  private random: () => number;

  constructor(settings: Partial<FaultSettings> = {}, seed = 1) {
    this.random = seededRandom(seed);
    this.configure(settings);
  }

  configure(settings: Partial<FaultSettings>, seed?: number): FaultSettings {
    const next = { ...this.settings, ...settings };
    checkRate('throttleRate', next.throttleRate);
    checkRate('serverErrorRate', next.serverErrorRate);
    checkRate('lostAnswerRate', next.lostAnswerRate);
    if (!(next.latencyMs >= 0)) {
      throw new Error(`latencyMs must be >= 0, got ${next.latencyMs}`);
    }
    this.settings = next;
    if (seed !== undefined) {
      this.random = seededRandom(seed);
    }
    return this.settings;
  }

  script(fault: ScriptedFault): void {
    this.scripted.push({ status: 400, times: 1, when: 'before', ...fault });
  }

  current(): { settings: FaultSettings; scripted: ScriptedFault[] } {
    return { settings: this.settings, scripted: [...this.scripted] };
  }

  reset(): void {
    this.settings = NO_FAULTS;
    this.scripted = [];
  }

  latencyMs(): number {
    return this.settings.latencyMs;
  }

  private take(
    service: string,
    operation: string,
    when: 'before' | 'after',
  ): AwsError | undefined {
    const index = this.scripted.findIndex(
      fault =>
        fault.service === service &&
        fault.operation === operation &&
        fault.when === when,
    );
    if (index < 0) return undefined;
    const fault = this.scripted[index];
    fault.times -= 1;
    if (fault.times <= 0) this.scripted.splice(index, 1);
    return new AwsError(fault.code, fault.message, fault.status);
  }

  /** The error that replaces the answer of a call just applied: scripted, or at random. */
  afterWrite(service: string, operation: string): AwsError | undefined {
    const scripted = this.take(service, operation, 'after');
    if (scripted) return scripted;
    // The generator is drawn only with a rate set, so other seeded patterns stay the same.
    if (
      this.settings.lostAnswerRate > 0 &&
      !/^(Describe|List|Get)/.test(operation) &&
      this.random() < this.settings.lostAnswerRate
    ) {
      return new AwsError(
        'InternalError',
        'We encountered an internal error. Please try again.',
        500,
      );
    }
    return undefined;
  }

  /** The error the next call of `service`/`operation` fails with, if any. */
  next(
    service: string,
    operation: string,
    throttlingCode: string,
  ): AwsError | undefined {
    const scripted = this.take(service, operation, 'before');
    if (scripted) return scripted;
    if (this.random() < this.settings.throttleRate) {
      return new AwsError(throttlingCode, 'Rate exceeded', 400);
    }
    if (this.random() < this.settings.serverErrorRate) {
      return new AwsError(
        'InternalError',
        'We encountered an internal error. Please try again.',
        500,
      );
    }
    return undefined;
  }
}
