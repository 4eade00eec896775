import {
  entryPath,
  fieldPath,
  formatProblems,
  indexPath,
  problem,
} from './problems';

describe('problem paths', () => {
  it('joins fields, indexes and map keys', () => {
    expect(fieldPath('', 'network')).toBe('network');
    expect(fieldPath('network', 'vpcCidr')).toBe('network.vpcCidr');
    expect(indexPath('nodeGroups', 1)).toBe('nodeGroups[1]');
    expect(entryPath('tags', 'aws:x')).toBe('tags["aws:x"]');
  });
});

describe('formatProblems', () => {
  it('writes one line per problem with its path and rule', () => {
    expect(
      formatProblems([
        problem(
          'account',
          'account-id',
          'account "42" must be a 12-digit AWS account id',
        ),
        problem('', 'type', 'the environment spec must be an object, got null'),
      ]),
    ).toBe(
      [
        '2 problems found:',
        '- account: account "42" must be a 12-digit AWS account id [account-id]',
        '- (spec): the environment spec must be an object, got null [type]',
      ].join('\n'),
    );
  });

  it('says when there is nothing to report', () => {
    expect(formatProblems([])).toBe('No problems found.');
    expect(
      formatProblems([problem('name', 'required', 'name is required')]),
    ).toBe('1 problem found:\n- name: name is required [required]');
  });
});
