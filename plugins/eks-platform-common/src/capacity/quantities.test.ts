import { cpuMillis, parseQuantity, wholeUnits } from './quantities';

describe('Kubernetes quantities', () => {
  it.each([
    ['250m', 0.25],
    ['1.5', 1.5],
    ['2', 2],
    ['100k', 100_000],
    ['1e3', 1000],
    ['512Mi', 512 * 1024 * 1024],
    ['1Gi', 1024 ** 3],
    ['7901192Ki', 7901192 * 1024],
    ['500M', 500_000_000],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it('rejects malformed quantities', () => {
    expect(parseQuantity('12 cores')).toBeUndefined();
    expect(parseQuantity('Mi')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('gives CPU in millicores and memory in bytes', () => {
    expect(cpuMillis('3920m')).toBe(3920);
    expect(cpuMillis('0.1')).toBe(100);
    expect(cpuMillis(undefined)).toBe(0);
    expect(wholeUnits('128Mi')).toBe(134_217_728);
    expect(wholeUnits('58')).toBe(58);
  });
});
