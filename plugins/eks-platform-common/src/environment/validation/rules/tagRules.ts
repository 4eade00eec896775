/** AWS resource tags: every resource of the environment carries them, so EKS and EC2 limits apply. */
import type { SpecRule } from '../options';
import { entryPath, problem, ValidationProblem } from '../problems';

const MAX_TAGS = 50;
const MAX_TAG_KEY_LENGTH = 128;
const MAX_TAG_VALUE_LENGTH = 256;
/** Characters AWS accepts in tag keys and values across services. */
const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const RESERVED_PREFIX = 'aws:';

export function isValidAwsTagText(text: string, maxLength: number): boolean {
  return text.length <= maxLength && AWS_TAG_CHARACTERS.test(text);
}

export const checkTags: SpecRule = ({ tags }) => {
  if (!tags) return [];
  const problems: ValidationProblem[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) {
    problems.push(
      problem(
        'tags',
        'tag-count',
        `tags has ${keys.length} entries; AWS allows at most ${MAX_TAGS} per resource`,
      ),
    );
  }
  for (const [key, value] of Object.entries(tags)) {
    const path = entryPath('tags', key);
    if (key.length === 0 || !isValidAwsTagText(key, MAX_TAG_KEY_LENGTH)) {
      problems.push(
        problem(
          path,
          'tag-key',
          `tag key "${key}" must be 1 to ${MAX_TAG_KEY_LENGTH} characters of letters, digits, spaces and _ . : / = + - @`,
        ),
      );
    }
    if (key.toLowerCase().startsWith(RESERVED_PREFIX)) {
      problems.push(
        problem(
          path,
          'tag-reserved-prefix',
          `tag key "${key}" starts with "aws:", which AWS reserves for its own tags`,
        ),
      );
    }
    if (!isValidAwsTagText(value, MAX_TAG_VALUE_LENGTH)) {
      problems.push(
        problem(
          path,
          'tag-value',
          `tag value of "${key}" must be at most ${MAX_TAG_VALUE_LENGTH} characters of letters, digits, spaces and _ . : / = + - @`,
        ),
      );
    }
  }
  return problems;
};
