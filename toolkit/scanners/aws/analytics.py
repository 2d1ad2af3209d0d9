"""Analytics, ML and transfer: Athena, Glue, EMR, SageMaker, DataSync, Transfer Family, Managed Prometheus,
Managed Grafana, Managed Flink, MWAA, QuickSight, EventBridge Pipes."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Resource
from .base import Collector, ScanContext
from .listing import Listing, pick


def glue_tables(ctx: ScanContext) -> Iterator[Resource]:
    """Tables of the Glue databases found (one GetTables pagination per database)."""
    databases = [r for r in ctx.shared.found if r.type == "AWS::Glue::Database" and r.region == ctx.region]
    for database in databases:
        for item in ctx.pages("get_tables", "TableList", DatabaseName=database.name):
            yield ctx.resource(
                ctx.arn("glue", f"table/{database.name}/{item['Name']}"),
                "AWS::Glue::Table",
                item["Name"],
                attributes={
                    **pick(
                        item, ("TableType", "StorageDescriptor.Location", "StorageDescriptor.InputFormat")
                    ),
                    "database": database.name,
                },
                depends_on=[database.uid],
            )


def collectors() -> list[Collector]:
    """The analytics collectors."""
    listings = [
        Listing(
            "athena",
            "work-groups",
            "list_work_groups",
            "WorkGroups",
            "AWS::Athena::WorkGroup",
            "athena:ListWorkGroups",
            "Name",
            lambda c, i: c.arn("athena", f"workgroup/{i['Name']}"),
            ("State", "Description", "EngineVersion.EffectiveEngineVersion"),
        ),
        Listing(
            "athena",
            "data-catalogs",
            "list_data_catalogs",
            "DataCatalogsSummary",
            "AWS::Athena::DataCatalog",
            "athena:ListDataCatalogs",
            "CatalogName",
            lambda c, i: c.arn("athena", f"datacatalog/{i['CatalogName']}"),
            ("Type",),
        ),
        Listing(
            "glue",
            "databases",
            "get_databases",
            "DatabaseList",
            "AWS::Glue::Database",
            "glue:GetDatabases",
            "Name",
            lambda c, i: c.arn("glue", f"database/{i['Name']}"),
            ("Description", "LocationUri"),
        ),
        Listing(
            "glue",
            "jobs",
            "get_jobs",
            "Jobs",
            "AWS::Glue::Job",
            "glue:GetJobs",
            "Name",
            lambda c, i: c.arn("glue", f"job/{i['Name']}"),
            ("Command.Name", "GlueVersion", "WorkerType", "Role"),
            depends=lambda c, i: [i.get("Role") if str(i.get("Role")).startswith("arn:") else None],
        ),
        Listing(
            "glue",
            "crawlers",
            "get_crawlers",
            "Crawlers",
            "AWS::Glue::Crawler",
            "glue:GetCrawlers",
            "Name",
            lambda c, i: c.arn("glue", f"crawler/{i['Name']}"),
            ("DatabaseName", "State", "Role"),
        ),
        Listing(
            "emr",
            "clusters",
            "list_clusters",
            "Clusters",
            "AWS::EMR::Cluster",
            "elasticmapreduce:ListClusters",
            "Name",
            "ClusterArn",
            ("Id", "Status.State", "NormalizedInstanceHours"),
            params={"ClusterStates": ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]},
        ),
        Listing(
            "sagemaker",
            "endpoints",
            "list_endpoints",
            "Endpoints",
            "AWS::SageMaker::Endpoint",
            "sagemaker:ListEndpoints",
            "EndpointName",
            "EndpointArn",
            ("EndpointStatus",),
        ),
        Listing(
            "sagemaker",
            "models",
            "list_models",
            "Models",
            "AWS::SageMaker::Model",
            "sagemaker:ListModels",
            "ModelName",
            "ModelArn",
            ("CreationTime",),
        ),
        Listing(
            "sagemaker",
            "notebook-instances",
            "list_notebook_instances",
            "NotebookInstances",
            "AWS::SageMaker::NotebookInstance",
            "sagemaker:ListNotebookInstances",
            "NotebookInstanceName",
            "NotebookInstanceArn",
            ("InstanceType", "NotebookInstanceStatus"),
        ),
        Listing(
            "sagemaker",
            "endpoint-configs",
            "list_endpoint_configs",
            "EndpointConfigs",
            "AWS::SageMaker::EndpointConfig",
            "sagemaker:ListEndpointConfigs",
            "EndpointConfigName",
            "EndpointConfigArn",
            ("CreationTime",),
        ),
        Listing(
            "datasync",
            "tasks",
            "list_tasks",
            "Tasks",
            "AWS::DataSync::Task",
            "datasync:ListTasks",
            "Name",
            "TaskArn",
            ("Status",),
        ),
        Listing(
            "transfer",
            "servers",
            "list_servers",
            "Servers",
            "AWS::Transfer::Server",
            "transfer:ListServers",
            "ServerId",
            "Arn",
            ("Domain", "EndpointType", "IdentityProviderType", "State"),
        ),
        Listing(
            "amp",
            "workspaces",
            "list_workspaces",
            "workspaces",
            "AWS::APS::Workspace",
            "aps:ListWorkspaces",
            "alias",
            "arn",
            ("workspaceId", "status.statusCode"),
        ),
        Listing(
            "grafana",
            "workspaces",
            "list_workspaces",
            "workspaces",
            "AWS::Grafana::Workspace",
            "grafana:ListWorkspaces",
            "name",
            lambda c, i: c.arn("grafana", f"/workspaces/{i['id']}"),
            ("id", "endpoint", "grafanaVersion", "status", "licenseType"),
            tags="tags",
        ),
        Listing(
            "kinesisanalyticsv2",
            "applications",
            "list_applications",
            "ApplicationSummaries",
            "AWS::KinesisAnalyticsV2::Application",
            "kinesisanalytics:ListApplications",
            "ApplicationName",
            "ApplicationARN",
            ("ApplicationStatus", "RuntimeEnvironment", "ApplicationMode"),
        ),
        Listing(
            "mwaa",
            "environments",
            "list_environments",
            "Environments",
            "AWS::MWAA::Environment",
            "airflow:ListEnvironments",
            "",
            lambda c, i: c.arn("airflow", f"environment/{i}"),
        ),
        Listing(
            "quicksight",
            "data-sets",
            "list_data_sets",
            "DataSetSummaries",
            "AWS::QuickSight::DataSet",
            "quicksight:ListDataSets",
            "Name",
            "Arn",
            ("DataSetId", "ImportMode"),
            params=lambda c: {"AwsAccountId": c.account},
            absent=("ResourceNotFoundException", "UnsupportedUserEditionException"),  # not subscribed
        ),
        Listing(
            "pipes",
            "pipes",
            "list_pipes",
            "Pipes",
            "AWS::Pipes::Pipe",
            "pipes:ListPipes",
            "Name",
            "Arn",
            ("CurrentState", "Source", "Target", "Enrichment"),
            depends=lambda c, i: [i.get("Source"), i.get("Target"), i.get("Enrichment")],
        ),
    ]
    return [
        *(spec.collector() for spec in listings),
        Collector("glue.tables", "glue", ("glue:GetTables",), glue_tables, after=True),
    ]
