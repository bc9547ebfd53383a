import { ErrorCode } from '@cairn/schema';
import {
  DataTable,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  maxLength,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';

import type { AuditEventFieldsFragment } from '../generated/operations';

const actorKinds = ['OPERATOR', 'API_KEY', 'USER', 'DEVICE', 'ANONYMOUS'].map((kind) => ({
  id: kind,
  name: kind,
}));
const outcomes = ['OK', ...Object.values(ErrorCode)].map((code) => ({ id: code, name: code }));

const uuid = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

// An invalid filter form is never submitted, so a half-typed id does not reach the server; the
// field turns red (filter forms show no helper text).
function fullId(value: unknown): string | undefined {
  const id = typeof value === 'string' ? value.trim() : '';
  return id === '' || uuid.test(id) ? undefined : 'A whole id (a UUID)';
}

const auditFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
  <SelectInput key="actorKind" source="actorKind" label="Actor" choices={actorKinds} alwaysOn />,
  <TextInput key="actorId" source="actorId" label="Actor id" validate={fullId} alwaysOn />,
  <TextInput key="operation" source="operation" label="Operation" alwaysOn />,
  <TextInput
    key="targetId"
    source="targetId"
    label="Target id"
    validate={maxLength(100)}
    alwaysOn
  />,
  <SelectInput key="outcome" source="outcome" label="Outcome" choices={outcomes} alwaysOn />,
  <DateTimeInput key="since" source="since" label="From" alwaysOn />,
  <DateTimeInput key="until" source="until" label="Until" alwaysOn />,
];

const shortId = (id: string | null) => (id ? `${id.slice(0, 8)}…` : '-');

function targetsOf(event: AuditEventFieldsFragment): string {
  if (event.targets.length === 0) return '-';
  return event.targets.map((target) => `${target.kind} ${shortId(target.id)}`).join(', ');
}

function itemsOf(event: AuditEventFieldsFragment): string {
  if (!event.items) return '';
  const { total, failed, failureCodes } = event.items;
  return failed > 0 ? `${total} (${failed} failed: ${failureCodes.join(', ')})` : String(total);
}

/**
 * Every state-changing call, newest first: who (actor kind and id), what (operation and
 * targets), from where and how it ended. Secrets were redacted before the server stored them.
 */
export function AuditEventList() {
  return (
    <List exporter={false} empty={false} filters={auditFilters} actions={false}>
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="occurredAt" label="When" disableSort>
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show" emptyText="-">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="actorKind" label="Actor" disableSort />
        <DataTable.Col label="Actor id" disableSort>
          <FunctionField<AuditEventFieldsFragment>
            render={(event) => <span title={event.actorId ?? ''}>{shortId(event.actorId)}</span>}
          />
        </DataTable.Col>
        <DataTable.Col source="operation" disableSort />
        <DataTable.Col label="Targets" disableSort>
          <FunctionField<AuditEventFieldsFragment> render={targetsOf} />
        </DataTable.Col>
        <DataTable.Col source="outcome" disableSort />
        <DataTable.Col label="Items" disableSort>
          <FunctionField<AuditEventFieldsFragment> render={itemsOf} />
        </DataTable.Col>
        <DataTable.Col source="clientIp" label="Client" disableSort />
        <DataTable.Col label="Arguments" disableSort>
          <FunctionField<AuditEventFieldsFragment>
            render={(event) => (
              <span title={event.arguments} style={{ fontFamily: 'monospace' }}>
                {event.arguments.length > 80 ? `${event.arguments.slice(0, 80)}…` : event.arguments}
              </span>
            )}
          />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
