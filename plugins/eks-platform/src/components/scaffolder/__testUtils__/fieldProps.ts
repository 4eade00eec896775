import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/** The props RJSF gives a custom field, with what a test sets. */
export function fieldProps<T>(
  overrides: Partial<FieldExtensionComponentProps<T>> & {
    onChange: (value: T | undefined) => void;
  },
): FieldExtensionComponentProps<T> {
  return {
    name: 'field',
    schema: {},
    uiSchema: {},
    idSchema: { $id: 'root_field' },
    rawErrors: [],
    required: true,
    disabled: false,
    readonly: false,
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    formContext: { formData: {} },
    ...overrides,
  } as unknown as FieldExtensionComponentProps<T>;
}
