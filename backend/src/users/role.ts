/** The roles of DOMAIN.md §1, defined in the domain so that the UI shares them. */
export { ROLES, type Role } from '../domain/roles';
