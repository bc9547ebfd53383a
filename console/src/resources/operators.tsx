import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
} from 'react-admin';

const operatorFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
];

/** Who can sign in to the console; read-only, as the schema has no operator mutations yet. */
export function OperatorList() {
  return (
    <List exporter={false} filters={operatorFilters} actions={false}>
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="role" disableSort />
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show" emptyText="all tenants">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created" field={DateField} disableSort />
      </DataTable>
    </List>
  );
}
