using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequirementJustification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A statement requirement's justification (财库〔2020〕46号 Art. 5), its author and time are three properties of
            // the lot's "requirements" JSON column: no column changes, existing requirements read them as null.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo in the schema (see Up).
        }
    }
}
