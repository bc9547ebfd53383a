import {
  ArrayField,
  Button,
  Create,
  DataTable,
  DateField,
  Edit,
  EditButton,
  FunctionField,
  Link,
  NumberField,
  NumberInput,
  ReferenceField,
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

import type { TenantSettingsFieldsFragment } from '../generated/operations';
import { RevokeButton } from '../revoke-button';

type SettingsRecord = TenantSettingsFieldsFragment & { id: string };

export const tenantSettingsLink = (tenantId: string) => `/tenantSettings/${tenantId}/show`;

const newIdpLink = (tenantId: string) =>
  `/partnerIdps/create?source=${encodeURIComponent(JSON.stringify({ tenantId }))}`;

const isAdmin = (permissions: string | undefined) =>
  permissions === 'PLATFORM_ADMIN' || permissions === 'TENANT_ADMIN';

function SettingsTitle() {
  return <span>Tenant settings</span>;
}

function SettingsActions() {
  const { permissions } = usePermissions<string | undefined>();
  return <TopToolbar>{isAdmin(permissions) && <EditButton />}</TopToolbar>;
}

function NewIdpButton() {
  const settings = useRecordContext<SettingsRecord>();
  const { permissions } = usePermissions<string | undefined>();
  if (!settings || !isAdmin(permissions)) return null;
  return (
    <Button
      component={Link}
      to={newIdpLink(settings.tenantId)}
      label="Register identity provider"
    />
  );
}

/** A number setting where null means no limit. */
function LimitField({
  source,
  none,
}: {
  source: 'maxDevicesPerUser' | 'keepLastVersions';
  none: string;
  label: string;
}) {
  return (
    <FunctionField<SettingsRecord>
      render={(settings) => {
        const value = settings[source];
        return value === null ? none : String(value);
      }}
    />
  );
}

/**
 * Everyone who may read the tenant sees this page; viewers see partner identity providers by
 * issuer only (the server sends nothing else to them).
 */
export function TenantSettingsShow() {
  return (
    <Show title={<SettingsTitle />} actions={<SettingsActions />}>
      <SimpleShowLayout>
        <ReferenceField source="tenantId" reference="tenants" link="show" label="Tenant">
          <TextField source="name" />
        </ReferenceField>
        <TextField source="conflictPolicy" label="Conflict policy" />
        <TextField source="dedupScope" label="Dedup scope (not applied yet)" />
        <LimitField source="maxDevicesPerUser" label="Devices per user" none="no limit" />
        <LimitField source="keepLastVersions" label="Versions kept per file" none="all" />
        <NumberField source="trashRetentionDays" label="Days in trash" />
        <ArrayField source="partnerIdps" label="Partner identity providers">
          <NewIdpButton />
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="issuer" disableSort />
            <DataTable.Col source="audience" disableSort />
            <DataTable.Col source="jwksUrl" label="JWKS URL" disableSort>
              <FunctionField<{ jwksUrl: string | null; jwks: string | null }>
                render={(idp) => idp.jwksUrl ?? (idp.jwks ? 'inline key set' : '')}
              />
            </DataTable.Col>
            <DataTable.NumberCol source="clockSkewSeconds" label="Clock skew (s)" disableSort />
            <DataTable.Col source="updatedAt" label="Updated" field={DateField} disableSort />
            <DataTable.Col label="" disableSort>
              <RevokeButton
                resource="partnerIdps"
                noun="identity provider"
                verb="Remove"
                consequence="Users can no longer sign in through it, and the tokens it signed in are refused."
              />
            </DataTable.Col>
          </DataTable>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}

const conflictPolicyChoices = [
  { id: 'KEEP_BOTH', name: 'Keep both (conflict copy)' },
  { id: 'NEWEST_WINS', name: 'Newest wins (older stays in history)' },
];
const dedupScopeChoices = [
  { id: 'USER', name: 'Per user' },
  { id: 'TENANT', name: 'Across the tenant' },
];

export function TenantSettingsEdit() {
  return (
    <Edit
      title={<SettingsTitle />}
      mutationMode="pessimistic"
      redirect={(_resource, id) => tenantSettingsLink(String(id))}
    >
      <SimpleForm>
        <SelectInput
          source="conflictPolicy"
          label="Conflict policy"
          choices={conflictPolicyChoices}
          validate={required()}
        />
        <SelectInput
          source="dedupScope"
          label="Dedup scope"
          choices={dedupScopeChoices}
          helperText="Stored now; chunks stay deduplicated per user until a later release applies it"
          validate={required()}
        />
        <NumberInput
          source="maxDevicesPerUser"
          label="Devices per user"
          helperText="1-10000; empty for no limit. Revoked devices do not count."
        />
        <NumberInput
          source="keepLastVersions"
          label="Versions kept per file"
          helperText="1-10000; empty keeps every version"
        />
        <NumberInput
          source="trashRetentionDays"
          label="Days in trash"
          helperText="1-3650"
          validate={required()}
        />
      </SimpleForm>
    </Edit>
  );
}

export function PartnerIdpCreate() {
  return (
    <Create
      title="Register identity provider"
      redirect={(_resource, _id, data) => tenantSettingsLink(String(data?.tenantId))}
    >
      <SimpleForm defaultValues={{ clockSkewSeconds: 60 }}>
        <ReferenceField source="tenantId" reference="tenants" link={false} label="Tenant">
          <TextField source="name" />
        </ReferenceField>
        <TextInput source="issuer" helperText="The exact iss of its tokens" validate={required()} />
        <TextInput source="audience" helperText="The aud its tokens carry" validate={required()} />
        <TextInput
          source="jwksUrl"
          label="JWKS URL"
          helperText="Where it publishes its signing keys (https), or give the key set below"
        />
        <TextInput
          source="jwks"
          label="JWKS document"
          helperText="Public keys as a JSON Web Key Set, instead of a URL"
          multiline
          minRows={3}
        />
        <NumberInput
          source="clockSkewSeconds"
          label="Clock skew (s)"
          helperText="0-300, allowed when checking exp and nbf"
          validate={required()}
        />
      </SimpleForm>
    </Create>
  );
}
