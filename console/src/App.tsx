import { useMemo } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';

import { createApolloClient } from './apollo-client';
import { createAuthProvider } from './auth-provider';
import { ConsoleLayout } from './console-layout';
import { createDataProvider } from './data-provider';
import { LoginPage } from './login-page';
import { ApiKeyCreate } from './resources/api-keys';
import { AuditEventList } from './resources/audit-events';
import { DeviceList, DeviceShow } from './resources/devices';
import { EndUserList, EndUserShow } from './resources/end-users';
import { FileList, FileShow } from './resources/files';
import { OperatorCreate, OperatorList } from './resources/operators';
import { TenantCreate, TenantEdit, TenantList, TenantShow } from './resources/tenants';
import {
  PartnerIdpCreate,
  TenantSettingsEdit,
  TenantSettingsShow,
} from './resources/tenant-settings';
import { ScrubFindingList } from './resources/scrub-findings';
import { VersionShow } from './resources/versions';
import { ChangePasswordPage } from './session-pages/change-password-page';
import { TotpEnrolmentPage } from './session-pages/totp-enrolment-page';

export function App() {
  const { client, dataProvider, authProvider } = useMemo(() => {
    const client = createApolloClient();
    return {
      client,
      dataProvider: createDataProvider(client),
      authProvider: createAuthProvider(client),
    };
  }, []);

  // No `requireAuth`: with react-router 7 its sign-out-on-mount path pushes history hundreds of
  // times before the login page shows (react-admin issues 10764, 10885). Every page still checks
  // the session, and the server checks every call.
  return (
    <Admin
      title="Cairn"
      dataProvider={dataProvider}
      authProvider={authProvider}
      loginPage={LoginPage}
      layout={ConsoleLayout}
      disableTelemetry
    >
      <CustomRoutes noLayout>
        <Route path="/enrol-totp" element={<TotpEnrolmentPage client={client} />} />
        <Route path="/change-password" element={<ChangePasswordPage client={client} />} />
      </CustomRoutes>
      <Resource
        name="tenants"
        list={TenantList}
        show={TenantShow}
        create={TenantCreate}
        edit={TenantEdit}
        recordRepresentation="name"
      />
      <Resource name="apiKeys" create={ApiKeyCreate} recordRepresentation="name" />
      <Resource name="tenantSettings" show={TenantSettingsShow} edit={TenantSettingsEdit} />
      <Resource name="partnerIdps" create={PartnerIdpCreate} recordRepresentation="issuer" />
      <Resource
        name="endUsers"
        options={{ label: 'End users' }}
        list={EndUserList}
        show={EndUserShow}
        recordRepresentation="externalId"
      />
      <Resource name="devices" list={DeviceList} show={DeviceShow} recordRepresentation="name" />
      <Resource name="files" list={FileList} show={FileShow} recordRepresentation="path" />
      <Resource name="versions" show={VersionShow} recordRepresentation="seq" />
      <Resource
        name="operators"
        list={OperatorList}
        create={OperatorCreate}
        recordRepresentation="email"
      />
      <Resource
        name="scrubFindings"
        options={{ label: 'Scrub findings' }}
        list={ScrubFindingList}
        recordRepresentation="objectKey"
      />
      <Resource
        name="auditEvents"
        options={{ label: 'Audit log' }}
        list={AuditEventList}
        recordRepresentation="operation"
      />
    </Admin>
  );
}
