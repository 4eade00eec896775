import { SandboxContext } from '../../core/types';
import { XmlValue } from '../../protocols/xml';
import { IamStore } from './iamStore';

export interface IamCall {
  params: URLSearchParams;
  store: IamStore;
  accountId: string;
  context: SandboxContext;
}

/** The fields of an `<OperationResult>` element. */
export type IamResultFields = Record<string, XmlValue>;

export type IamHandler = (call: IamCall) => IamResultFields;

/** SDK output shapes are plain data; this lets the XML renderer take them as they are typed. */
export function asXmlFields(value: object): IamResultFields {
  return value as IamResultFields;
}
