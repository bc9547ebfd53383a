import {
  DataTable,
  DateField,
  FunctionField,
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
  useListContext,
  useRecordContext,
} from 'react-admin';

import { BytesField, DigestField } from '../fields';
import type { FileFieldsFragment, VersionFieldsFragment } from '../generated/operations';
import { readSession } from '../session';
import { FileTrashButton } from '../trash-buttons';

/** The file list, filtered to one user's library. */
export const filesOfUserLink = (userId: string): string =>
  `/files?filter=${encodeURIComponent(JSON.stringify({ userId }))}`;

const fileFilters = [
  <ReferenceInput key="userId" source="userId" reference="endUsers" alwaysOn>
    <SelectInput optionText="externalId" label="User" />
  </ReferenceInput>,
  <TextInput key="pathPrefix" source="pathPrefix" label="Path starts with" alwaysOn />,
];

function NoFiles() {
  const filterValues = useListContext().filterValues as Record<string, unknown>;
  const message =
    filterValues.userId || readSession()?.operator.tenantId
      ? 'No files match.'
      : 'Choose a user to browse their library.';
  return <p style={{ padding: '0 16px' }}>{message}</p>;
}

export function FileList() {
  return (
    <List
      exporter={false}
      filters={fileFilters}
      actions={false}
      empty={false}
      title="Files"
      perPage={50}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      <DataTable rowClick="show" bulkActionButtons={false} empty={<NoFiles />}>
        <DataTable.Col source="path" disableSort />
        <DataTable.Col source="userId" label="User" disableSort>
          <ReferenceField source="userId" reference="endUsers" link="show">
            <TextField source="externalId" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="head.size" label="Size" disableSort>
          <BytesField source="head.size" />
        </DataTable.Col>
        <DataTable.NumberCol source="versionCount" label="Versions" disableSort />
        <DataTable.Col source="head.seq" label="Head seq" disableSort />
        <DataTable.Col source="updatedAt" label="Updated" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}

function FileTitle() {
  const file = useRecordContext<FileFieldsFragment>();
  return <span>File {file?.path ?? ''}</span>;
}

export function FileShow() {
  return (
    <Show title={<FileTitle />}>
      <SimpleShowLayout>
        <TextField source="path" />
        <TextField source="id" />
        <ReferenceField source="userId" reference="endUsers" link="show" label="User">
          <TextField source="externalId" />
        </ReferenceField>
        <BytesField source="head.size" label="Size" />
        <NumberField source="versionCount" label="Versions" />
        <TextField source="deviceAssetId" label="Device asset id" emptyText="-" />
        <DateField source="createdAt" label="Created" showTime />
        <DateField source="updatedAt" label="Updated" showTime />
        <DateField source="trashedAt" label="In trash since" showTime emptyText="-" />
        <FileTrashButton />

        <ReferenceManyField
          label="Versions"
          reference="versions"
          target="fileId"
          perPage={25}
          pagination={<Pagination />}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="seq" label="Seq" disableSort />
            <DataTable.Col source="size" label="Size" disableSort>
              <BytesField source="size" />
            </DataTable.Col>
            <DataTable.Col source="createdAt" label="Created" disableSort>
              <DateField source="createdAt" showTime />
            </DataTable.Col>
            <DataTable.Col source="deviceId" label="Device" disableSort>
              <ReferenceField source="deviceId" reference="devices" link="show" emptyText="-">
                <TextField source="name" />
              </ReferenceField>
            </DataTable.Col>
            <DataTable.Col source="contentHash" label="Content hash" disableSort>
              <DigestField source="contentHash" />
            </DataTable.Col>
            <DataTable.NumberCol source="chunkCount" label="Chunks" disableSort />
            <DataTable.Col source="deleted" label="" disableSort>
              <FunctionField<VersionFieldsFragment>
                render={(version) => (version.deleted ? 'deleted' : '')}
              />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
