using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Effectiveness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeliveredSystems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    LotId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupplierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    MonthlyFeeYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ResponsibleOfficerUserId = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveredSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliveredSystems_AspNetUsers_ResponsibleOfficerUserId",
                        column: x => x.ResponsibleOfficerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeliveredSystems_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KpiObservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Kpi = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KpiObservations_DeliveredSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DeliveredSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KpiTargets",
                columns: table => new
                {
                    Kpi = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SlightlyBelowUpToPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    BelowUpToPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SlightlyBelowDeductionPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    BelowDeductionPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SignificantlyBelowDeductionPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiTargets", x => new { x.SystemId, x.Kpi });
                    table.ForeignKey(
                        name: "FK_KpiTargets_DeliveredSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DeliveredSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MonthlyStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    MonthlyFeeYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DeductionYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PaymentYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Idle = table.Column<bool>(type: "boolean", nullable: false),
                    IdleReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    IdleDescription = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyStatements_DeliveredSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DeliveredSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemApiKeys_DeliveredSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "DeliveredSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KpiRatings",
                columns: table => new
                {
                    Kpi = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    TargetValue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    MissPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DeductionPercent = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DeductionYuan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiRatings", x => new { x.StatementId, x.Kpi });
                    table.ForeignKey(
                        name: "FK_KpiRatings_MonthlyStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "MonthlyStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveredSystems_ContractId",
                table: "DeliveredSystems",
                column: "ContractId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliveredSystems_ResponsibleOfficerUserId",
                table: "DeliveredSystems",
                column: "ResponsibleOfficerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveredSystems_SupplierId",
                table: "DeliveredSystems",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_KpiObservations_SystemId_Period_Kpi",
                table: "KpiObservations",
                columns: new[] { "SystemId", "Period", "Kpi" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyStatements_SystemId_Period",
                table: "MonthlyStatements",
                columns: new[] { "SystemId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SystemApiKeys_Hash",
                table: "SystemApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SystemApiKeys_SystemId",
                table: "SystemApiKeys",
                column: "SystemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiObservations");

            migrationBuilder.DropTable(
                name: "KpiRatings");

            migrationBuilder.DropTable(
                name: "KpiTargets");

            migrationBuilder.DropTable(
                name: "SystemApiKeys");

            migrationBuilder.DropTable(
                name: "MonthlyStatements");

            migrationBuilder.DropTable(
                name: "DeliveredSystems");
        }
    }
}
