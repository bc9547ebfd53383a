import { useState } from 'react';
import {
  Button,
  CheckboxGroupInput,
  Create,
  DataTable,
  DateField,
  DateTimeInput,
  FunctionField,
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
  minLength,
  required,
  usePermissions,
  useRecordContext,
} from 'react-admin';

import { apiKeyScopeNames, apiKeyScopes } from '@cairn/schema';

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

/** A key's scopes by their resource:action names; viewers are not shown them (null). */
function ScopesField(_props: { label?: string }) {
  return (
    <FunctionField<ApiKeyFieldsFragment>
      render={(key) =>
        key.scopes ? key.scopes.map((scope) => apiKeyScopeNames[scope]).join(', ') : 'hidden'
      }
    />
  );
}

/** A tenant's API keys, for its show page; `label` is read by the layout around it. */
export function TenantApiKeys(_props: { label: string }) {
  return (
    <ReferenceManyField reference="apiKeys" target="tenantId">
      <NewApiKeyButton />
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="prefix" label="Key starts with" disableSort />
        <DataTable.Col label="Scopes" disableSort>
          <ScopesField />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
        <DataTable.Col label="Expires" disableSort>
          <DateField source="expiresAt" showTime emptyText="never" />
        </DataTable.Col>
        <DataTable.Col source="lastUsedAt" label="Last used" field={DateField} disableSort />
        <DataTable.Col source="revokedAt" label="Revoked" field={DateField} disableSort />
        <DataTable.Col label="" disableSort>
          <RevokeButton
            resource="apiKeys"
            noun="API key"
            consequence="The key, and every user token it minted, is refused from now on."
          />
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
        <ScopesField label="Scopes" />
        <DateField source="expiresAt" label="Expires" showTime emptyText="never" />
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

const scopeChoices = apiKeyScopes.map((scope) => ({ id: scope, name: apiKeyScopeNames[scope] }));

/** An expiry, when given, must lie ahead; the server checks it too. */
const inTheFuture = (value: unknown) =>
  typeof value === 'string' && value !== '' && Date.parse(value) <= Date.now()
    ? 'The expiry must be in the future'
    : undefined;

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
        <CheckboxGroupInput
          source="scopes"
          choices={scopeChoices}
          helperText="Only what the integration needs: a backend that signs users in needs users:write"
          validate={[required(), minLength(1)]}
        />
        <DateTimeInput
          source="expiresAt"
          label="Expires"
          helperText="Leave empty for a key that does not expire"
          validate={inTheFuture}
        />
      </SimpleForm>
    </Create>
  );
}
