/** The handlers of the network's resource kinds, for the engine. */
import type { ResourceHandlers } from '../../engine/types';
import { defaultSecurityGroup } from './defaultSecurityGroup';
import type { Ec2Clients } from './ec2Resources';
import { elasticIp } from './elasticIp';
import { flowLog } from './flowLog';
import { internetGateway, internetGatewayAttachment } from './internetGateway';
import { natGateway } from './natGateway';
import { route, routeTable, routeTableAssociation } from './routeTable';
import { subnet } from './subnet';
import { vpc, vpcAttribute } from './vpc';

export const NETWORK_HANDLERS: ResourceHandlers<Ec2Clients> = {
  vpc,
  'vpc-attribute': vpcAttribute,
  'default-security-group': defaultSecurityGroup,
  'flow-log': flowLog,
  subnet,
  'internet-gateway': internetGateway,
  'internet-gateway-attachment': internetGatewayAttachment,
  'route-table': routeTable,
  route,
  'route-table-association': routeTableAssociation,
  'elastic-ip': elasticIp,
  'nat-gateway': natGateway,
};

export type { Ec2Clients } from './ec2Resources';
export { collect } from './ec2Resources';
export { isLiveNatGateway, waitForNatGateways } from './natGateway';
