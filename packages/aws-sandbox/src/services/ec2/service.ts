import { randomUUID } from 'node:crypto';
import { AwsError, AwsService } from '../../core/types';
import { ec2Error, queryOperation } from '../../protocols/query';
import { addressOperations } from './addresses';
import { catalogOperations } from './catalog';
import { flowLogOperations } from './flowLogs';
import { internetGatewayOperations } from './internetGateways';
import { launchTemplateOperations } from './launchTemplates';
import { natGatewayOperations } from './natGateways';
import { networkInterfaceOperations } from './networkInterfaces';
import { Ec2Operation } from './operation';
import { routeTableOperations } from './routeTables';
import { securityGroupOperations } from './securityGroups';
import { ec2StoreOf } from './store';
import { subnetOperations } from './subnets';
import { tagOperations } from './tags';
import { volumeOperations } from './volumes';
import { vpcOperations } from './vpcs';
import { readEc2Input, renderEc2Output } from './wire';

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const OPERATIONS: Record<string, Ec2Operation> = {
  ...catalogOperations,
  ...vpcOperations,
  ...subnetOperations,
  ...internetGatewayOperations,
  ...addressOperations,
  ...natGatewayOperations,
  ...routeTableOperations,
  ...securityGroupOperations,
  ...launchTemplateOperations,
  ...flowLogOperations,
  ...networkInterfaceOperations,
  ...volumeOperations,
  ...tagOperations,
};

/** The operations this service answers, e.g. for a readiness report. */
export const EC2_OPERATIONS = Object.keys(OPERATIONS).sort();

/** EC2 over the query protocol: form-encoded `Action=…`, XML answers with `<item>` lists. */
export const ec2Service: AwsService = {
  signingName: 'ec2',
  throttlingCode: 'RequestLimitExceeded',
  operationOf: queryOperation,
  handle(request, operation, context) {
    const definition = OPERATIONS[operation];
    if (!definition) {
      throw new AwsError(
        'InvalidAction',
        `The action ${operation} is not valid for this web service.`,
      );
    }
    const input = readEc2Input(
      definition.schema,
      new URLSearchParams(request.body),
    );
    if (input.DryRun === true) {
      throw new AwsError(
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
        412,
      );
    }
    const output = definition.handle(input, {
      store: ec2StoreOf(context, request.accountId, request.region),
      accountId: request.accountId,
      region: request.region,
      context,
      operation,
    });
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        `<${operation}Response xmlns="${NAMESPACE}"><requestId>${randomUUID()}</requestId>` +
        `${renderEc2Output(definition.schema, output)}</${operation}Response>`,
    };
  },
  renderError: error => ec2Error(error),
};
