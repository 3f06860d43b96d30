/**
 * Imported first by test files that drive the EventStoreDB adapter with KurrentDB's client
 * (`@kurrent/kurrentdb-client`): makes the in-process test server speak through that package's
 * generated protobuf code (see PROTOCOL_FAMILY in ./esdb-proto).
 */
process.env.ESDB_TEST_CLIENT = 'kurrent';
export {};
