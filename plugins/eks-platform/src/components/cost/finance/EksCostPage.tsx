import { Content, Header, Page } from '@backstage/core-components';
import { CloudCostContent } from './CloudCostContent';

export const CLOUD_COST_PAGE_TITLE = 'Cloud cost';

/** The finance page with its own header, for the legacy frontend system. */
export function EksCostPage() {
  return (
    <Page themeId="tool">
      <Header
        title={CLOUD_COST_PAGE_TITLE}
        subtitle="AWS cost of every EKS environment this month, against budget"
      />
      <Content>
        <CloudCostContent />
      </Content>
    </Page>
  );
}

/** The finance page's body for the new frontend system, whose page shell draws the header. */
export function EksCostPageContent() {
  return (
    <Content>
      <CloudCostContent />
    </Content>
  );
}
