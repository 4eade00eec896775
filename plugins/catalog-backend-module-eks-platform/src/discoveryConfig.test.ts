import { ConfigReader } from '@backstage/config';
import { readDiscoveryTargets } from './discoveryConfig';

const KEY = 'eksPlatform.catalog.clusterDiscovery';

function read(data: object) {
  return readDiscoveryTargets(new ConfigReader(data), KEY, 'eu-west-3');
}

describe('readDiscoveryTargets', () => {
  it('defaults to every configured account in the default region', () => {
    expect(
      read({
        aws: {
          accounts: [
            { accountId: '111111111111' },
            { accountId: '222222222222' },
          ],
        },
        eksPlatform: { catalog: { clusterDiscovery: {} } },
      }),
    ).toEqual([
      { accountId: '111111111111', region: 'eu-west-3' },
      { accountId: '222222222222', region: 'eu-west-3' },
    ]);
  });

  it('crosses the given accounts with the given regions', () => {
    expect(
      read({
        eksPlatform: {
          catalog: {
            clusterDiscovery: {
              accountIds: ['333333333333'],
              regions: ['eu-west-3', 'eu-central-1'],
            },
          },
        },
      }),
    ).toEqual([
      { accountId: '333333333333', region: 'eu-west-3' },
      { accountId: '333333333333', region: 'eu-central-1' },
    ]);
  });

  it('finds nothing to look in without accounts', () => {
    expect(
      read({ eksPlatform: { catalog: { clusterDiscovery: {} } } }),
    ).toEqual([]);
  });

  it.each([
    [{ accountIds: ['12345'] }, /accountIds: '12345' is not a 12-digit/],
    [{ accountIds: ['111111111111'], regions: ['Paris'] }, /regions: 'Paris'/],
  ])('refuses %j', (discovery, message) => {
    expect(() =>
      read({ eksPlatform: { catalog: { clusterDiscovery: discovery } } }),
    ).toThrow(message);
  });
});
