import {
  DateField,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';

import { BytesField } from '../fields';
import type { VersionFieldsFragment } from '../generated/operations';

function VersionTitle() {
  const version = useRecordContext<VersionFieldsFragment>();
  return <span>Version {version?.seq ?? ''}</span>;
}

/** One version; versions are listed on their file's page. */
export function VersionShow() {
  return (
    <Show title={<VersionTitle />}>
      <SimpleShowLayout>
        <TextField source="seq" label="Seq" />
        <TextField source="id" />
        <ReferenceField source="fileId" reference="files" link="show" label="File">
          <TextField source="path" />
        </ReferenceField>
        <BytesField source="size" label="Size" />
        <TextField source="size" label="Bytes" />
        <NumberField source="chunkCount" label="Chunks" />
        <TextField source="contentHash" label="Content hash" sx={{ fontFamily: 'monospace' }} />
        <ReferenceField source="deviceId" reference="devices" link="show" label="Device">
          <TextField source="name" />
        </ReferenceField>
        <DateField source="clientMtime" label="Modified on device" showTime emptyText="-" />
        <DateField source="createdAt" label="Committed" showTime />
        <TextField source="baseVersionId" label="Base version" emptyText="-" />
      </SimpleShowLayout>
    </Show>
  );
}
