import { useState } from 'react';
import {
  BooleanField,
  Button,
  Create,
  CreateButton,
  DataTable,
  DateField,
  DeleteButton,
  FormDataConsumer,
  Link,
  List,
  RecordContextProvider,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Title,
  TopToolbar,
  email,
  required,
  useDataProvider,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { MouseEvent } from 'react';

import type { CairnDataProvider } from '../data-provider';
import type { OperatorFieldsFragment } from '../generated/operations';
import { readSession } from '../session';
import { ResetPasswordButton } from './operator-password-reset';

type CreatedOperator = OperatorFieldsFragment & { temporaryPassword: string };

const operatorFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
];

/** Viewers manage no one; the server refuses them too, and keeps tenant admins in their tenant. */
function useManagesOperators(): boolean {
  const { permissions } = usePermissions<string | undefined>();
  return permissions === 'PLATFORM_ADMIN' || permissions === 'TENANT_ADMIN';
}

function OperatorListActions() {
  return <TopToolbar>{useManagesOperators() && <CreateButton />}</TopToolbar>;
}

/** Disable, enable, reset and delete, for anyone but the signed-in operator themself. */
function OperatorRowActions() {
  const operator = useRecordContext<OperatorFieldsFragment>();
  const dataProvider = useDataProvider<CairnDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);
  const manages = useManagesOperators();
  const { permissions } = usePermissions<string | undefined>();
  if (!operator || !manages || operator.id === readSession()?.operator.id) return null;

  const enable = !!operator.disabledAt;
  const toggle = async () => {
    setPending(true);
    try {
      await dataProvider.setOperatorEnabled(operator.id, enable);
      notify(enable ? 'Operator enabled' : 'Operator disabled', { type: 'info' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The change failed', { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <span onClick={(event: MouseEvent) => event.stopPropagation()}>
      <Button
        label={enable ? 'Enable' : 'Disable'}
        color={enable ? 'primary' : 'warning'}
        onClick={() => void toggle()}
        disabled={pending}
      />
      {permissions === 'PLATFORM_ADMIN' && <ResetPasswordButton />}
      <DeleteButton
        mutationMode="pessimistic"
        redirect={false}
        confirmTitle={`Delete operator ${operator.email}?`}
        confirmContent="They can no longer sign in, and their sessions end. This cannot be undone."
      />
    </span>
  );
}

/** Who can sign in to the console, and whether they can now. */
export function OperatorList() {
  return (
    <List exporter={false} filters={operatorFilters} actions={<OperatorListActions />}>
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="role" disableSort />
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show" emptyText="all tenants">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="totpEnabled" label="TOTP" field={BooleanField} disableSort />
        <DataTable.Col source="disabledAt" label="Disabled" field={DateField} disableSort />
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
        <DataTable.Col label="" disableSort>
          <OperatorRowActions />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** Shown once after creation: the server keeps only the password's hash. */
function CreatedPassword({ created }: { created: CreatedOperator }) {
  return (
    <RecordContextProvider value={created}>
      <Title title="Operator created" />
      <SimpleShowLayout>
        <TextField source="email" />
        <TextField source="role" />
        <TextField
          source="temporaryPassword"
          label="Temporary password: hand it over now, it is shown only once"
          sx={{ fontFamily: 'monospace', userSelect: 'all' }}
        />
      </SimpleShowLayout>
      <Button component={Link} to="/operators" label="Done" />
    </RecordContextProvider>
  );
}

const roleChoices = [
  { id: 'TENANT_VIEWER', name: 'Tenant viewer (reads only)' },
  { id: 'TENANT_ADMIN', name: 'Tenant admin' },
  { id: 'PLATFORM_ADMIN', name: 'Platform admin (every tenant)' },
];

export function OperatorCreate() {
  const [created, setCreated] = useState<CreatedOperator | null>(null);
  const { permissions } = usePermissions<string | undefined>();
  if (created) return <CreatedPassword created={created} />;

  const choices =
    permissions === 'PLATFORM_ADMIN'
      ? roleChoices
      : roleChoices.filter((choice) => choice.id !== 'PLATFORM_ADMIN');
  const ownTenant = readSession()?.operator.tenantId ?? undefined;
  return (
    <Create
      title="New operator"
      redirect={false}
      mutationOptions={{ onSuccess: (data: CreatedOperator) => setCreated(data) }}
    >
      <SimpleForm defaultValues={{ role: 'TENANT_VIEWER', tenantId: ownTenant }}>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <SelectInput source="role" choices={choices} validate={required()} />
        <FormDataConsumer<{ role?: string }>>
          {({ formData }) =>
            formData.role !== 'PLATFORM_ADMIN' && (
              <ReferenceInput source="tenantId" reference="tenants">
                <SelectInput optionText="name" label="Tenant" validate={required()} />
              </ReferenceInput>
            )
          }
        </FormDataConsumer>
      </SimpleForm>
    </Create>
  );
}
