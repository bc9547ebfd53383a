import { useMemo } from 'react';
import { Admin, Resource } from 'react-admin';

import { createApolloClient } from './apollo-client';
import { createAuthProvider } from './auth-provider';
import { createDataProvider } from './data-provider';
import { LoginPage } from './login-page';
import { ApiKeyCreate } from './resources/api-keys';
import { AuditEventList } from './resources/audit-events';
import { DeviceList, DeviceShow } from './resources/devices';
import { EndUserList, EndUserShow } from './resources/end-users';
import { FileList, FileShow } from './resources/files';
import { OperatorList } from './resources/operators';
import { TenantCreate, TenantEdit, TenantList, TenantShow } from './resources/tenants';
import {
  PartnerIdpCreate,
  TenantSettingsEdit,
  TenantSettingsShow,
} from './resources/tenant-settings';
import { ScrubFindingList } from './resources/scrub-findings';
import { VersionShow } from './resources/versions';

export function App() {
  const { dataProvider, authProvider } = useMemo(() => {
    const client = createApolloClient();
    return { dataProvider: createDataProvider(client), authProvider: createAuthProvider(client) };
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
      disableTelemetry
    >
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
      <Resource name="operators" list={OperatorList} recordRepresentation="email" />
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
