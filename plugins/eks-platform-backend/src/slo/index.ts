import express from 'express';
import Router from 'express-promise-router';
import { RouterOptions } from '../types';

/** Routes of the slo feature. */
export async function createSloRouter(
  _options: RouterOptions,
): Promise<express.Router> {
  return Router();
}
