import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import type { DeviceFieldsFragment } from '../generated/operations';
import { RevokeButton } from '../revoke-button';

const deviceFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
  <ReferenceInput key="userId" source="userId" reference="endUsers" alwaysOn>
    <SelectInput optionText="externalId" label="User" />
  </ReferenceInput>,
];

export function DeviceList() {
  return (
    <List exporter={false} filters={deviceFilters} actions={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="platform" disableSort />
        <DataTable.Col source="appVersion" label="App version" disableSort />
        <DataTable.Col source="userId" label="User" disableSort>
          <ReferenceField source="userId" reference="endUsers" link="show">
            <TextField source="externalId" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="lastSeenAt" label="Last seen" field={DateField} disableSort />
        <DataTable.Col source="revokedAt" label="Revoked" field={DateField} disableSort />
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}

function DeviceTitle() {
  const device = useRecordContext<DeviceFieldsFragment>();
  return <span>Device {device?.name ?? ''}</span>;
}

export function DeviceShow() {
  return (
    <Show
      title={<DeviceTitle />}
      actions={
        <TopToolbar>
          <RevokeButton resource="devices" noun="device" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="id" />
        <TextField source="platform" />
        <TextField source="appVersion" label="App version" emptyText="not sent" />
        <ReferenceField source="userId" reference="endUsers" link="show" label="User">
          <TextField source="externalId" />
        </ReferenceField>
        <ReferenceField source="tenantId" reference="tenants" link="show" label="Tenant">
          <TextField source="name" />
        </ReferenceField>
        <DateField source="createdAt" label="Registered" showTime />
        <DateField source="lastSeenAt" label="Last seen" showTime emptyText="never" />
        <DateField source="revokedAt" label="Revoked" showTime emptyText="no" />
      </SimpleShowLayout>
    </Show>
  );
}
