using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertificationKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Certifications and requirements live in JSON columns: the new fields (KindKey, Id, Evidence,
            // CertificationKey) need no schema change. Existing entries get their kind from their name at start, in
            // code, through the catalogue's aliases (Data/Seeding/CertificationKindBackfill.cs, idempotent).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
