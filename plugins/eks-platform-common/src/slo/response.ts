import { SloDefinition } from './definition';
import { SloReport } from './report';

/** Where a report failed: the data source, not the caller's request. */
export interface SloReportError {
  source: 'prometheus';
  message: string;
}

/** What `GET /slo/:namespace/:name` answers for an entity with a valid SLO definition. */
export type SloReportResponse =
  | { entityRef: string; status: 'ok'; report: SloReport }
  | {
      entityRef: string;
      status: 'error';
      definition: SloDefinition;
      error: SloReportError;
    };
