import {
  Button,
  DataTable,
  DateField,
  FilterForm,
  Link,
  List,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  useRecordContext,
} from 'react-admin';
import type { Identifier } from 'react-admin';

import { BytesField, DigestField } from '../fields';
import type { EndUserFieldsFragment } from '../generated/operations';
import { RevokeButton } from '../revoke-button';
import { EmptyTrashButton, FileTrashButton } from '../trash-buttons';
import { filesOfUserLink } from './files';

const endUserFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
];

export function EndUserList() {
  return (
    <List exporter={false} filters={endUserFilters} actions={false} title="End users">
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="externalId" label="User" disableSort />
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.NumberCol source="deviceCount" label="Devices" disableSort />
        <DataTable.NumberCol source="fileCount" label="Files" disableSort />
        <DataTable.Col source="storedBytes" label="Stored" disableSort>
          <BytesField source="storedBytes" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}

/** A trashed file opens on the file page, where its versions are. */
const trashRowLink = (id: Identifier) => `/files/${String(id)}/show`;

function EndUserTitle() {
  const user = useRecordContext<EndUserFieldsFragment>();
  return <span>User {user?.externalId ?? ''}</span>;
}

function BrowseFilesButton() {
  const user = useRecordContext<EndUserFieldsFragment>();
  if (!user) return null;
  return <Button component={Link} to={filesOfUserLink(user.id)} label="Browse all files" />;
}

const fileFilters = [
  <TextInput key="pathPrefix" source="pathPrefix" label="Path starts with" alwaysOn />,
];

export function EndUserShow() {
  return (
    <Show title={<EndUserTitle />}>
      <SimpleShowLayout>
        <TextField source="externalId" label="User" />
        <TextField source="id" />
        <ReferenceField source="tenantId" reference="tenants" link="show" label="Tenant">
          <TextField source="name" />
        </ReferenceField>
        <NumberField source="deviceCount" label="Devices" />
        <NumberField source="fileCount" label="Files" />
        <BytesField source="storedBytes" label="Stored" />
        <DateField source="createdAt" label="Created" showTime />

        <ReferenceManyField label="Devices" reference="devices" target="userId">
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="name" disableSort />
            <DataTable.Col source="platform" disableSort />
            <DataTable.Col source="appVersion" label="App version" disableSort />
            <DataTable.Col source="lastSeenAt" label="Last seen" field={DateField} disableSort />
            <DataTable.Col source="revokedAt" label="Revoked" field={DateField} disableSort />
            <DataTable.Col label="" disableSort>
              <RevokeButton resource="devices" noun="device" />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>

        <ReferenceManyField
          label="Files"
          reference="files"
          target="userId"
          perPage={25}
          pagination={<Pagination />}
        >
          <FilterForm filters={fileFilters} />
          <BrowseFilesButton />
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="path" disableSort />
            <DataTable.Col source="head.size" label="Size" disableSort>
              <BytesField source="head.size" />
            </DataTable.Col>
            <DataTable.NumberCol source="versionCount" label="Versions" disableSort />
            <DataTable.Col source="head.contentHash" label="Content hash" disableSort>
              <DigestField source="head.contentHash" />
            </DataTable.Col>
            <DataTable.Col source="updatedAt" label="Updated" field={DateField} disableSort />
          </DataTable>
        </ReferenceManyField>

        <ReferenceManyField
          label="Trash"
          reference="trash"
          target="userId"
          perPage={25}
          pagination={<Pagination />}
        >
          <EmptyTrashButton />
          <DataTable rowClick={trashRowLink} bulkActionButtons={false}>
            <DataTable.Col source="path" disableSort />
            <DataTable.Col source="head.size" label="Size" disableSort>
              <BytesField source="head.size" />
            </DataTable.Col>
            <DataTable.NumberCol source="versionCount" label="Versions" disableSort />
            <DataTable.Col source="trashedAt" label="Deleted" field={DateField} disableSort />
            <DataTable.Col label="" disableSort>
              <FileTrashButton />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
