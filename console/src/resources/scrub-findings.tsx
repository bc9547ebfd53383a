import { useState } from 'react';
import {
  Button,
  DataTable,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useDataProvider,
  useNotify,
  usePermissions,
} from 'react-admin';

import type { CairnDataProvider } from '../data-provider';

const findingFilters = [
  <ReferenceInput key="tenantId" source="tenantId" reference="tenants" alwaysOn>
    <SelectInput optionText="name" label="Tenant" />
  </ReferenceInput>,
  <SelectInput
    key="kind"
    source="kind"
    label="Kind"
    alwaysOn
    choices={[
      { id: 'MISSING', name: 'Missing' },
      { id: 'CORRUPT', name: 'Corrupt' },
      { id: 'ORPHANED', name: 'Orphaned' },
    ]}
  />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    emptyText="Open"
    choices={[
      { id: 'resolved', name: 'Resolved' },
      { id: 'all', name: 'All' },
    ]}
  />,
];

/** Queues a scrub run now; only platform admins may. */
function RunScrubButton() {
  const { permissions } = usePermissions<string | undefined>();
  const dataProvider = useDataProvider<CairnDataProvider>();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  if (permissions !== 'PLATFORM_ADMIN') return null;

  const run = async () => {
    setPending(true);
    try {
      await dataProvider.runScrub();
      notify('Scrub queued; refresh to see what it finds', { type: 'info' });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Could not queue the scrub', {
        type: 'error',
      });
    } finally {
      setPending(false);
    }
  };
  return <Button label="Run scrub now" onClick={() => void run()} disabled={pending} />;
}

/**
 * What the scrub job found in the blob store: objects missing or not matching their chunk rows,
 * and objects no row names. Open findings by default.
 */
export function ScrubFindingList() {
  return (
    <List
      exporter={false}
      // An empty page must still offer the filters and the run button.
      empty={false}
      filters={findingFilters}
      actions={
        <TopToolbar>
          <RunScrubButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="kind" disableSort />
        <DataTable.Col source="tenantId" label="Tenant" disableSort>
          <ReferenceField source="tenantId" reference="tenants" link="show">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="userId" label="User" disableSort>
          <ReferenceField source="userId" reference="endUsers" link="show" emptyText="-">
            <TextField source="externalId" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="objectKey" label="Object" disableSort />
        <DataTable.Col source="detail" disableSort />
        <DataTable.Col source="sightings" label="Seen" disableSort />
        <DataTable.Col source="firstSeenAt" label="First seen" field={DateField} disableSort />
        <DataTable.Col source="lastSeenAt" label="Last seen" field={DateField} disableSort />
        <DataTable.Col source="resolution" label="Resolution" disableSort />
      </DataTable>
    </List>
  );
}
