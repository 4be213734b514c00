// Everything after login: the plan, the data status (latest period, synthetic badge) and the layout.
import { App as AntApp } from 'antd';
import { PlanProvider } from '../plan/plan-context.tsx';
import { AppLayout } from './AppLayout.tsx';
import { DataStatusProvider } from './data-status.tsx';

export default function SignedIn() {
  return (
    // AntApp gives the pages message, notification and modal in the theme (not needed by the login).
    <AntApp>
      <PlanProvider>
        <DataStatusProvider>
          <AppLayout />
        </DataStatusProvider>
      </PlanProvider>
    </AntApp>
  );
}
