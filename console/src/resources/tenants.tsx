import {
  Button,
  Create,
  CreateButton,
  DataTable,
  DateField,
  Edit,
  EditButton,
  Link,
  List,
  NumberField,
  Pagination,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
} from 'react-admin';

import { BytesField } from '../fields';
import type { TenantFieldsFragment } from '../generated/operations';
import { TenantApiKeys } from './api-keys';
import { tenantSettingsLink } from './tenant-settings';

/** Only platform admins create tenants; the server refuses anyone else too. */
function TenantListActions() {
  const { permissions } = usePermissions<string | undefined>();
  return <TopToolbar>{permissions === 'PLATFORM_ADMIN' && <CreateButton />}</TopToolbar>;
}

export function TenantList() {
  return (
    <List exporter={false} actions={<TenantListActions />}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="status" disableSort />
        <DataTable.Col source="conflictPolicy" label="Conflicts" disableSort />
        <DataTable.NumberCol source="userCount" label="Users" disableSort />
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}

function TenantTitle() {
  const tenant = useRecordContext<TenantFieldsFragment>();
  return <span>Tenant {tenant?.name ?? ''}</span>;
}

function SettingsButton() {
  const tenant = useRecordContext<TenantFieldsFragment>();
  if (!tenant) return null;
  return <Button component={Link} to={tenantSettingsLink(tenant.id)} label="Settings" />;
}

/** Only platform admins change a tenant's status; the server refuses anyone else too. */
function TenantShowActions() {
  const { permissions } = usePermissions<string | undefined>();
  return (
    <TopToolbar>
      <SettingsButton />
      {permissions === 'PLATFORM_ADMIN' && <EditButton />}
    </TopToolbar>
  );
}

export function TenantShow() {
  return (
    <Show title={<TenantTitle />} actions={<TenantShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="id" />
        <TextField source="status" />
        <TextField source="conflictPolicy" label="Conflict policy" />
        <NumberField source="userCount" label="Users" />
        <DateField source="createdAt" label="Created" showTime />
        <ReferenceManyField
          label="Users"
          reference="endUsers"
          target="tenantId"
          perPage={25}
          pagination={<Pagination />}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="externalId" label="User" disableSort />
            <DataTable.NumberCol source="deviceCount" label="Devices" disableSort />
            <DataTable.NumberCol source="fileCount" label="Files" disableSort />
            <DataTable.Col source="storedBytes" label="Stored" disableSort>
              <BytesField source="storedBytes" />
            </DataTable.Col>
            <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
          </DataTable>
        </ReferenceManyField>
        <TenantApiKeys label="API keys" />
      </SimpleShowLayout>
    </Show>
  );
}

const conflictPolicyChoices = [
  { id: 'KEEP_BOTH', name: 'Keep both (conflict copy)' },
  { id: 'NEWEST_WINS', name: 'Newest wins (older stays in history)' },
];

export function TenantCreate() {
  return (
    <Create redirect="show" title="New tenant">
      <SimpleForm defaultValues={{ conflictPolicy: 'KEEP_BOTH' }}>
        <TextInput source="name" validate={required()} />
        <SelectInput
          source="conflictPolicy"
          label="Conflict policy"
          choices={conflictPolicyChoices}
          validate={required()}
        />
      </SimpleForm>
    </Create>
  );
}

const statusChoices = [
  { id: 'ACTIVE', name: 'Active' },
  { id: 'READ_ONLY', name: 'Read-only (reads and restores only)' },
  { id: 'SUSPENDED', name: 'Suspended (every call refused)' },
];

export function TenantEdit() {
  return (
    <Edit title={<TenantTitle />} mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextField source="name" />
        <SelectInput source="status" choices={statusChoices} validate={required()} />
      </SimpleForm>
    </Edit>
  );
}
