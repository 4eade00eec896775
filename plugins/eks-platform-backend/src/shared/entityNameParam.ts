import { InputError } from '@backstage/errors';
import express from 'express';

/** Catalog namespace and name rules: letters, digits and [-_.], at most 63 characters. */
const ENTITY_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;

/** A path parameter that must be a catalog entity namespace or name; 400 naming it otherwise. */
export function entityNameParam(req: express.Request, param: string): string {
  const value = req.params[param];
  if (!ENTITY_NAME.test(value)) {
    throw new InputError(
      `Invalid '${param}': expected a catalog entity ${param} (letters, digits, '-', '_', '.'; at most 63 characters)`,
    );
  }
  return value;
}
