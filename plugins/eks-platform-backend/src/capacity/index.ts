import express from 'express';
import Router from 'express-promise-router';
import { RouterOptions } from '../types';

/** Routes of the capacity feature. */
export async function createCapacityRouter(
  _options: RouterOptions,
): Promise<express.Router> {
  return Router();
}
