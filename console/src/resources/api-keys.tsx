import { useState } from 'react';
import {
  Button,
  Create,
  DataTable,
  DateField,
  Link,
  RecordContextProvider,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Title,
  required,
  usePermissions,
  useRecordContext,
} from 'react-admin';

import type { ApiKeyFieldsFragment, TenantFieldsFragment } from '../generated/operations';
import { RevokeButton } from '../revoke-button';

type CreatedApiKey = ApiKeyFieldsFragment & { secret: string };

const newKeyLink = (tenantId: string) =>
  `/apiKeys/create?source=${encodeURIComponent(JSON.stringify({ tenantId }))}`;

function NewApiKeyButton() {
  const tenant = useRecordContext<TenantFieldsFragment>();
  const { permissions } = usePermissions<string | undefined>();
  if (!tenant || permissions === 'TENANT_VIEWER') return null;
  return <Button component={Link} to={newKeyLink(tenant.id)} label="New API key" />;
}

/** A tenant's API keys, for its show page; `label` is read by the layout around it. */
export function TenantApiKeys(_props: { label: string }) {
  return (
    <ReferenceManyField reference="apiKeys" target="tenantId">
      <NewApiKeyButton />
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="prefix" label="Key starts with" disableSort />
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
        <DataTable.Col source="lastUsedAt" label="Last used" field={DateField} disableSort />
        <DataTable.Col source="revokedAt" label="Revoked" field={DateField} disableSort />
        <DataTable.Col label="" disableSort>
          <RevokeButton resource="apiKeys" noun="API key" />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
}

/** Shown once after creation: the secret is not stored anywhere the console can read again. */
function CreatedSecret({ created }: { created: CreatedApiKey }) {
  return (
    <RecordContextProvider value={created}>
      <Title title="API key created" />
      <SimpleShowLayout>
        <TextField source="name" />
        <ReferenceField source="tenantId" reference="tenants" link="show" label="Tenant">
          <TextField source="name" />
        </ReferenceField>
        <TextField
          source="secret"
          label="Secret: copy it now, it is shown only once"
          sx={{ fontFamily: 'monospace', userSelect: 'all' }}
        />
      </SimpleShowLayout>
      <Button component={Link} to={`/tenants/${created.tenantId}/show`} label="Done" />
    </RecordContextProvider>
  );
}

export function ApiKeyCreate() {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  if (created) return <CreatedSecret created={created} />;

  return (
    <Create
      title="New API key"
      redirect={false}
      mutationOptions={{ onSuccess: (data: CreatedApiKey) => setCreated(data) }}
    >
      <SimpleForm>
        <ReferenceInput source="tenantId" reference="tenants">
          <SelectInput optionText="name" label="Tenant" validate={required()} />
        </ReferenceInput>
        <TextInput source="name" helperText="What uses it, e.g. backend" validate={required()} />
      </SimpleForm>
    </Create>
  );
}
