"""Patterns met in real repositories (from a held-out, hand-labelled corpus of public files): each
fixture under fixtures/patterns imitates one, and the traps next to them must stay silent —
service principals, trust policies, a commented annotation, a GKE storage class, a client name
bound to something that is not a service, a registry module whose name is not a service."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.catalog import Catalog
from toolkit.model import Inventory
from toolkit.scanners.paths import scan_paths

PATTERNS = Path(__file__).parent / "fixtures" / "patterns"

EXPECTED = {
    # CloudFormation: dynamic references, a nested stack's S3 template URL, a managed policy
    # named for a service; the trust policy's service principals say nothing.
    ("cfn/template.yaml", 4, "rds"),
    ("cfn/template.yaml", 6, "secretsmanager"),
    ("cfn/template.yaml", 7, "ssm"),
    ("cfn/template.yaml", 9, "cloudformation"),
    ("cfn/template.yaml", 11, "s3"),
    ("cfn/template.yaml", 13, "iam"),
    ("cfn/template.yaml", 22, "sqs"),
    ("cfn/template.yaml", 24, "iam"),
    ("cfn/template.yaml", 30, "sns"),  # SNS:Publish: IAM namespaces are case-insensitive
    # (rds-data:ExecuteStatement on line 31 is RDS, already declared on line 4)
    ("cfn/template.yaml", 32, "resourcegroupstaggingapi"),  # tag:GetResources
    ("cfn/function.yaml", 4, "lambda"),
    ("cfn/function.yaml", 8, "s3"),  # the function's code sits in an S3 bucket
    # CodePipeline actions run by AWS services; a custom resource and a SAR application are how the
    # template works, not services it depends on
    ("cfn/pipeline.yaml", 4, "codepipeline"),
    ("cfn/pipeline.yaml", 13, "cloudformation"),
    # Lambda code written into the template (ZipFile, InlineCode) read as Python or Node.js, each
    # client at its template line, once per service; a client in a code comment stays silent
    ("cfn/inline.yaml", 5, "lambda"),
    ("cfn/inline.yaml", 14, "kinesis"),
    ("cfn/inline.yaml", 18, "dynamodb"),
    ("cfn/inline.yaml", 20, "lambda"),
    ("cfn/inline.yaml", 25, "sqs"),
    ("cfn/inline.yaml", 28, "lambda"),  # an empty !Join holds no code
    ("cfn/inline.yaml", 33, "lambda"),
    ("cfn/inline.yaml", 40, "sesv2"),  # !Sub [code, {variables}]
    ("cfn/inline.json", 5, "lambda"),
    ("cfn/inline.json", 13, "s3"),  # JSON templates join the code's lines with Fn::Join
    ("cfn/inline.json", 21, "lambda"),
    ("cfn/inline.json", 24, "secretsmanager"),  # one JSON string: the whole function on one line
    # a mistyped resource type (AWS::Serverless:Function) names no service, not "serverless:function"
    ("cfn/typo.yaml", 9, "lambda"),
    # a Parameter Store entry named by a parameter's type and default (one without a default, or a
    # plain String parameter, names nothing)
    ("cfn/parameters.yaml", 4, "ssm"),
    ("cfn/parameters.yaml", 13, "sns"),
    # ARNs and endpoints assembled by Fn::Join/!Join (a principal, an output); a joined web address silent
    ("cfn/joined.yaml", 4, "sqs"),
    ("cfn/joined.yaml", 10, "iam"),
    ("cfn/joined.yaml", 13, "sns"),
    ("cfn/joined.yaml", 17, "cognito-idp"),
    # a failure destination SAM creates; CDK's metadata resource is how the template was made
    ("cfn/destinations.yaml", 4, "lambda"),
    ("cfn/destinations.yaml", 10, "sns"),
    # an Auto Scaling group attached to load balancers, a hard-coded AMI
    ("cfn/asg.json", 5, "autoscaling"),
    ("cfn/asg.json", 7, "elbv2"),
    ("cfn/asg.json", 13, "autoscaling"),
    ("cfn/asg.json", 14, "ec2"),
    # a serverless ${file()} fragment: one resource, no Resources key
    ("cfn/cluster.yml", 1, "rds"),
    # Kubernetes: AWS load balancer controller annotations, IRSA, external-dns, external-secrets
    ("k8s/ingress.yaml", 6, "elbv2"),
    ("k8s/ingress.yaml", 7, "acm"),
    ("k8s/ingress.yaml", 7, "elbv2"),
    ("k8s/ingress.yaml", 8, "ec2"),
    ("k8s/ingress.yaml", 8, "elbv2"),
    ("k8s/ingress.yaml", 9, "elbv2"),
    ("k8s/ingress.yaml", 9, "wafv2"),
    ("k8s/ingress.yaml", 10, "cognito-idp"),
    ("k8s/ingress.yaml", 10, "elbv2"),
    ("k8s/ingress.yaml", 13, "elbv2"),
    ("k8s/ingress.yaml", 20, "acm"),
    ("k8s/ingress.yaml", 20, "elbv2"),
    ("k8s/ingress.yaml", 27, "eks"),
    ("k8s/ingress.yaml", 27, "iam"),
    ("k8s/platform.yaml", 1, "elbv2"),
    ("k8s/platform.yaml", 2, "globalaccelerator"),
    ("k8s/platform.yaml", 18, "route53"),
    ("k8s/platform.yaml", 27, "acm"),
    ("k8s/crossplane.yaml", 6, "sesv2"),  # a Crossplane AWS provider resource
    # the community Crossplane provider's older groups name a kind of service: database (RDS, or
    # DynamoDB for a DynamoTable), cache, identity; database.example.org is not AWS
    ("k8s/crossplane-legacy.yaml", 1, "rds"),
    ("k8s/crossplane-legacy.yaml", 10, "elasticache"),
    ("k8s/crossplane-legacy.yaml", 15, "iam"),
    ("k8s/crossplane-dynamo.yaml", 1, "dynamodb"),
    ("k8s/instance-group.yaml", 6, "eks"),  # keikoproj instance-manager (orkaproj before)
    # a static EFS volume's file-system id; an FSx volume's id has the same form and is FSx;
    # Harbor's S3 storage on another host (regionendpoint) is not AWS
    ("k8s/efs-static.yaml", 5, "efs"),
    ("k8s/fsx-static.yaml", 7, "fsx"),
    ("k8s/ack.yaml", 1, "cloudfront"),
    ("k8s/ack.yaml", 11, "s3"),
    ("k8s/aws-auth.yaml", 7, "eks"),
    ("k8s/aws-auth.yaml", 7, "iam"),  # the IAM roles it maps, even when templated
    ("k8s/cluster.yaml", 2, "ec2"),  # VPC CNI ENIConfig, written "kind : ENIConfig"
    ("k8s/cluster.yaml", 7, "iam"),  # kube-aws-iam-controller
    ("k8s/cluster.yaml", 20, "cloudwatch"),  # the CloudWatch agent
    ("k8s/values.yaml", 4, "ec2"),  # a Helm values file: no apiVersion, same rules
    ("k8s/values.yaml", 7, "elbv2"),
    ("k8s/velero-values.yaml", 5, "ec2"),  # Velero's AWS plugin snapshots volumes on EBS (not GCP's)
    ("k8s/velero-values.yaml", 10, "s3"),
    ("k8s/velero-values.yaml", 11, "s3"),
    ("k8s/eksctl.yaml", 1, "eks"),
    ("k8s/eksctl-nodes.yaml", 1, "eks"),
    ("k8s/eksctl-nodes.yaml", 5, "ec2"),  # eksctl builds node groups in EC2
    ("k8s/kyverno.yaml", 12, "ecr"),  # a registry host with a wildcard account
    ("k8s/eksctl.yaml", 13, "ssm"),  # the Secrets Store CSI driver's AWS provider
    ("k8s/fluent-bit.yaml", 10, "logs"),
    ("k8s/fluent-bit.yaml", 13, "firehose"),
    ("k8s/fluent-bit.yaml", 17, "opensearch"),
    # Serverless: a plugin, deploy-time variables, a Cognito authorizer, the function
    ("sls/serverless.yml", 3, "appsync"),
    ("sls/serverless.yml", 7, "ssm"),
    # (line 8, ${cf:network.VpcId}, reads another stack's output: not counted, as readers judged it)
    ("sls/serverless.yml", 11, "cognito-idp"),
    ("sls/serverless.yml", 13, "lambda"),
    ("sls/serverless.yml", 17, "sqs"),  # a serverless-lift queue construct
    ("sls/serverless.fragment.yml", 7, "dynamodb"),  # does not parse: reported, read line by line
    ("sls2/serverless.yml", 4, "s3"),  # the deployment bucket it names
    ("sls2/serverless.yml", 6, "lambda"),
    ("sls3/serverless.yml", 9, "cognito-idp"),  # an HTTP API authorizer's issuer, joined
    ("sls3/serverless.yml", 16, "lambda"),
    # functions from another file, X-Ray tracing, the alerts plugin's alarms and topics, a custom
    # domain's certificate; a deployment bucket with settings but no name is not an S3 dependency
    ("sls5/serverless.ts", 7, "lambda"),  # the same configuration written in TypeScript
    ("sls5/serverless.ts", 11, "lambda"),
    ("sls5/serverless.ts", 9, "apigateway"),
    ("sls5/serverless.ts", 15, "sqs"),
    ("sls4/serverless.yml", 3, "cloudwatch"),
    ("sls4/serverless.yml", 9, "xray"),
    ("sls4/serverless.yml", 11, "lambda"),
    ("sls4/serverless.yml", 16, "acm"),
    ("sls4/serverless.yml", 18, "sns"),
    # Terraform: sts granted (not trusted), s3:// in a heredoc user_data script
    ("tf/main.tf", 1, "iam"),
    ("tf/main.tf", 11, "iam"),
    ("tf/main.tf", 14, "sts"),
    ("tf/main.tf", 18, "ec2"),
    ("tf/main.tf", 22, "s3"),
    ("tf/main.tf", 26, "module"),
    # EBS storage for Kubernetes, a load balancer's access logs bucket, an AWS-managed KMS key
    ("tf/storage.tf", 5, "ec2"),
    ("tf/storage.tf", 8, "elbv2"),
    ("tf/storage.tf", 10, "s3"),
    ("tf/storage.tf", 18, "kms"),
    # VPC endpoints name the services they reach; a host with interpolated labels is still a host
    ("tf/endpoints.tf", 1, "ec2"),
    ("tf/endpoints.tf", 3, "s3"),
    ("tf/endpoints.tf", 6, "ec2"),
    ("tf/endpoints.tf", 8, "logs"),
    ("tf/endpoints.tf", 12, "ecr"),
    ("tf/endpoints.tf", 12, "sts"),  # data.aws_caller_identity
    ("tf/endpoints.tf", 15, "codepipeline"),
    ("tf/endpoints.tf", 24, "codecommit"),
    # the AWS CLI, AWS's GitHub Actions and a Lambda base image; a commented command and prose silent
    ("ci/.github/workflows/deploy.yml", 7, "sts"),  # configure-aws-credentials assumes a role
    ("ci/.github/workflows/deploy.yml", 9, "iam"),
    ("ci/.github/workflows/deploy.yml", 10, "ecr"),
    ("ci/.github/workflows/deploy.yml", 11, "s3"),
    ("ci/.github/workflows/deploy.yml", 12, "cloudfront"),
    ("ci/Dockerfile", 1, "ecr"),
    ("ci/Dockerfile", 1, "lambda"),
    ("ci/Makefile", 2, "lambda"),
    ("ci/deploy.sh", 2, "ecr"),
    ("ci/deploy.sh", 3, "cloudformation"),
    ("ci/deploy.sh", 4, "dynamodb"),
    ("ci/deploy.sh", 7, "sts"),
    # Python clients named through a constant or a class attribute; CDK and Solutions Constructs
    ("src/dns.py", 11, "sns"),
    ("src/dns.py", 15, "route53"),
    # wrappers around the SDKs, in files that speak of AWS (src/settings.py does not: silent)
    ("src/wrappers.py", 5, "lambda"),
    ("src/wrappers.py", 8, "lambda"),
    ("src/wrappers.py", 12, "stepfunctions"),
    ("src/wrappers.py", 13, "sqs"),  # an ARN built in an f-string
    ("src/wrappers.py", 17, "ec2"),  # an API call on a client named for its service
    ("src/wrappers.py", 20, "organizations"),  # a policy written in code; the trust policy is silent
    ("src/wrappers.py", 27, "sagemaker"),  # a hyphenated client name in a file that imports botocore
    ("src/node.ts", 4, "sqs"),
    ("src/node.ts", 8, "ecr"),
    # (src/AwsSqs.java only imports the SQS client and never uses it: an unused import is no dependency)
    ("src/trigger.ts", 1, "cognito-idp"),  # a Cognito trigger's event type
    ("src/trigger.ts", 1, "lambda"),
    ("src/allow.js", 2, "apigateway"),  # an ARN concatenated around its partition
    ("src/traced.ts", 1, "xray"),  # the X-Ray SDK
    ("src/traced.ts", 2, "dynamodb"),
    ("src/kms.go", 4, "sts"),  # aws-sdk-go's STS credential provider
    ("src/kms.go", 5, "kms"),
    ("src/models.ts", 1, "bedrock"),  # a Bedrock model id; amazon.com on line 2 is not one
    # endpoints with run-time labels: f-string, %s, str.format, concatenation, a suffix, Go's
    # Sprintf, Kotlin's $region; a host whose service is the placeholder and a service principal silent
    ("src/endpoints.py", 2, "cognito-idp"),
    ("src/endpoints.py", 3, "sqs"),
    ("src/endpoints.py", 4, "dynamodb"),
    ("src/endpoints.py", 5, "kinesis"),
    ("src/endpoints.py", 6, "s3"),
    ("src/endpoints.go", 6, "sns"),
    ("src/Endpoints.kt", 3, "secretsmanager"),
    # libraries made for one service (a Kinesis Client Library also needs DynamoDB and CloudWatch);
    # another cloud's storage backend and a bare local module named kinesis silent
    ("src/libraries.py", 2, "dynamodb"),
    ("src/libraries.py", 3, "s3"),
    ("src/libraries.py", 5, "kinesis"),
    ("src/libraries.py", 5, "dynamodb"),
    ("src/libraries.py", 5, "cloudwatch"),
    ("src/queue.ts", 1, "sqs"),
    ("src/queue.ts", 2, "dynamodb"),
    ("src/queue.ts", 4, "cognito-idp"),
    ("src/Consumer.java", 3, "sqs"),
    ("src/Consumer.java", 4, "kinesis"),
    ("src/Consumer.java", 4, "dynamodb"),
    ("src/Consumer.java", 4, "cloudwatch"),
    ("src/stream.go", 6, "kinesis"),
    ("src/stream.go", 7, "dynamodb"),
    # Airflow's Amazon provider (its base hook names no service; Google's transfer is silent) and
    # awswrangler's service modules (wr.config is not one)
    ("src/dag.py", 4, "lambda"),
    ("src/dag.py", 5, "s3"),
    ("src/dag.py", 5, "redshift"),
    ("src/dag.py", 8, "athena"),
    ("src/dag.py", 11, "rekognition"),
    ("src/dag.py", 12, "s3"),  # Rekognition pointed at an S3 object
    ("src/dag.py", 12, "rekognition"),
    # legacy boto, clients handed in and called with an operation only one service has, helpers
    # named for boto; a pydantic secret and a chat bot's send_message are not AWS calls
    ("src/handed.py", 2, "s3"),
    ("src/handed.py", 5, "sqs"),
    ("src/handed.py", 6, "ec2"),
    ("src/handed.py", 7, "iam"),
    ("src/handed.py", 8, "cloudformation"),
    ("src/handed.py", 12, "ec2"),
    # round 14: a pipeline's artifact store (S3) and its key (KMS), in Terraform and CloudFormation;
    # a registry submodule named for another service; a managed policy ARN with its partition
    # interpolated; a log group named outright; a SAM function's execution-role policy (IAM, its
    # service-specific neighbour counts only its service); a JSON key that looks like an action is a
    # condition key (sts:ExternalId); cert-manager's empty route53 solver, the load balancer
    # controller's Gateway API group, external-dns's Route 53 weights, Prometheus's EC2 discovery,
    # and an s3:// URL on a MinIO endpoint (not AWS); a boto3 resource's collection; a CloudFormation
    # resource a plugin writes from code (a type compared against is not one); a plugin whose section
    # is commented out deploys nothing
    ("tf/pipeline_store.tf", 1, "codepipeline"),
    ("tf/pipeline_store.tf", 7, "s3"),
    ("tf/pipeline_store.tf", 11, "kms"),
    ("tf/pipeline_store.tf", 17, "logs"),
    ("tf/pipeline_store.tf", 22, "iam"),
    ("tf/pipeline_store.tf", 25, "xray"),
    ("cfn/delivery.yaml", 5, "firehose"),
    ("cfn/delivery.yaml", 10, "logs"),
    ("cfn/delivery.yaml", 15, "lambda"),
    ("cfn/delivery.yaml", 19, "iam"),
    ("cfn/delivery.yaml", 19, "lambda"),
    ("cfn/delivery.yaml", 20, "dynamodb"),
    ("cfn/delivery.yaml", 24, "codepipeline"),
    ("cfn/delivery.yaml", 28, "s3"),
    ("cfn/delivery.yaml", 32, "kms"),
    ("cfn/broken-trust.json", 8, "iam"),
    ("k8s/gateway-dns.yaml", 9, "route53"),
    ("k8s/gateway-dns.yaml", 11, "elbv2"),
    ("k8s/gateway-dns.yaml", 24, "route53"),
    ("k8s/gateway-dns.yaml", 33, "ec2"),
    ("src/resources.py", 7, "ec2"),
    ("src/warmer.js", 3, "iam"),
    ("sls11/serverless.yml", 12, "route53"),
    ("sls11/serverless.yml", 16, "lambda"),
    # round 15: Parameter Store as a fallback source of a variable, an access-log bucket, the
    # warmup plugin's schedule (a key ending in Disabled is off), an AppSync API in a file of its own
    # (its data sources and Cognito authorizer); a SAM state machine's policy templates and log
    # destination, a certificate property, an Amplify Hosting domain; alerts on a named RDS
    # instance; an IAM server certificate is not ACM; botocore's CloudFront signer; the Guardian's
    # CDK constructs; a lower-case IAM action (the HCL condition key beside it is not one)
    ("sls12/serverless.yml", 7, "ssm"),
    ("sls12/serverless.yml", 13, "s3"),
    ("sls12/serverless.yml", 17, "events"),
    ("sls12/serverless.yml", 19, "lambda"),
    ("sls12/appsync-api.yml", 2, "cognito-idp"),
    ("sls12/appsync-api.yml", 3, "appsync"),
    ("sls12/appsync-api.yml", 10, "dynamodb"),
    ("sls12/appsync-api.yml", 12, "lambda"),
    ("cfn/state-machine.yaml", 4, "stepfunctions"),
    ("cfn/state-machine.yaml", 8, "logs"),
    ("cfn/state-machine.yaml", 11, "lambda"),
    ("cfn/state-machine.yaml", 14, "apigateway"),
    ("cfn/state-machine.yaml", 17, "acm"),
    ("cfn/state-machine.yaml", 17, "ssm"),
    ("cfn/state-machine.yaml", 18, "amplify"),
    ("cfn/state-machine.yaml", 20, "elbv2"),
    ("cfn/state-machine.yaml", 23, "iam"),  # an IAM server certificate, not ACM
    ("k8s/alerts-values.yaml", 3, "rds"),
    ("k8s/alerts-values.yaml", 11, "elbv2"),
    ("k8s/alerts-values.yaml", 11, "iam"),
    ("src/signed_urls.py", 2, "cloudfront"),
    ("src/prism.ts", 1, "autoscaling"),
    ("src/prism.ts", 4, "sts"),
    ("src/prism.ts", 5, "dynamodb"),
    ("src/prism.ts", 7, "iam"),
    ("src/prism.ts", 8, "elbv2"),
    ("tf/cognito_sms.tf", 1, "iam"),
    ("tf/cognito_sms.tf", 6, "sns"),
    # round 16: a container's queue and topic settings (SNS_LOGIN_ENABLED is not SNS); a local
    # helper named for the client it returns (not an Elasticsearch one; a client named for
    # "notifications" calling what AWS User Notifications does not have is another product's); a
    # function image from ECR; a Lambda execution role for an SQS event source (a service's own role
    # policy, AWSDataPipelineRole, is not counted)
    ("k8s/queue-env.yaml", 11, "sqs"),
    ("k8s/queue-env.yaml", 16, "sns"),
    ("src/repository.py", 8, "dynamodb"),
    ("src/lambdas.ts", 2, "lambda"),
    ("src/lambdas.ts", 6, "ecr"),
    ("tf/lambda_roles.tf", 1, "iam"),
    ("tf/lambda_roles.tf", 3, "sqs"),
    ("tf/lambda_roles.tf", 6, "iam"),
    # round 17: settings that name a Kinesis stream, an S3 bucket and an Athena workgroup outright,
    # in a bare Go template; a secret's key (bucket_name) names no bucket
    ("k8s/deployment-production.tmpl", 6, "kinesis"),
    ("k8s/deployment-production.tmpl", 7, "s3"),
    ("k8s/deployment-production.tmpl", 9, "athena"),
    # clients handed in, on variables named for their service, calling that service's operations
    # (shared with other services, so the operation alone would not say); a variable named by an
    # everyday word (config, events) does not count in a file that never speaks of AWS, nor does a
    # method the service does not have; Ruby's service error classes name the service
    ("src/storage_engine.js", 9, "s3"),
    ("src/storage_engine.js", 13, "dynamodb"),
    ("src/queue_adapter.py", 11, "sqs"),
    ("src/queue_adapter.py", 14, "s3"),
    ("src/queue.rb", 7, "sqs"),
    # CDK constructs that build another service's resources: ECS patterns' load balancers, queues
    # and schedules, task auto-scaling, a database's generated secret (not_cdk.py: same words, no CDK)
    ("src/cdk_patterns.py", 2, "ecs"),
    ("src/cdk_patterns.py", 3, "rds"),
    ("src/cdk_patterns.py", 4, "glacier"),  # cloudaux: a module per service
    ("src/cdk_patterns.py", 6, "lambda"),  # prefect_aws.lambda_function (dagster_aws.utils: nothing)
    ("src/cdk_patterns.py", 12, "elbv2"),
    ("src/cdk_patterns.py", 13, "application-autoscaling"),
    ("src/cdk_patterns.py", 14, "sqs"),
    ("src/cdk_patterns.py", 15, "secretsmanager"),
    ("src/cdk_patterns.py", 16, "secretsmanager"),
    ("src/scheduled.go", 4, "ecs"),
    ("src/scheduled.go", 8, "events"),
    ("src/scheduled.go", 9, "elbv2"),
    # a vendor's re-export of the v3 clients, a v2 type import, @types/aws-lambda's namespace
    ("src/edge.ts", 1, "s3"),
    ("src/edge.ts", 2, "cloudfront"),
    ("src/edge.ts", 4, "cloudfront"),
    ("src/edge.ts", 7, "s3"),  # (import('aws-sdk').Config on line 8 is no service)
    # CDK: managed policies named without an ARN (the longest service name the words spell), and
    # CDK modules imported but never used (aws_logs, aws_sns, aws_s3 here) declare nothing
    ("src/cdk_policies.py", 2, "iam"),
    ("src/cdk_policies.py", 10, "glue"),
    ("src/cdk_policies.py", 11, "ssm"),
    # a backend named by its import path in Django settings (the Redis cache: nothing)
    ("src/backends.py", 1, "sesv2"),
    # SST's constructs are services, its handlers Lambda functions (Bucket imported, never used: nothing)
    ("src/sst.ts", 1, "sqs"),
    ("src/sst.ts", 1, "dynamodb"),
    ("src/sst.ts", 7, "lambda"),
    # Powertools for Java: the parameter providers read SSM and Secrets Manager (its logging: nothing)
    ("src/Params.java", 5, "ssm"),
    ("src/Params.java", 6, "secretsmanager"),
    # files other tools render (values.yml.tftpl, handler.py.j2, user_data.tftpl) are read as what
    # they render into; a .tmpl with no kind before its suffix is read as YAML, like a Helm helper
    ("rendered/values.yml.tftpl", 4, "iam"),
    ("rendered/values.yml.tftpl", 4, "eks"),
    ("rendered/handler.py.j2", 4, "sqs"),
    ("rendered/user_data.tftpl", 3, "s3"),
    ("rendered/stack.yaml.tmpl", 4, "sqs"),  # not valid YAML until rendered: a note, not an error
    ("rendered/notes.tmpl", 2, "s3"),  # a bare Go template (round 17's deployment-production.tmpl)
    # EKS Auto Mode: its own ALB ingress class (and parameters) and EBS provisioner
    ("k8s/auto-mode.yaml", 2, "elbv2"),
    ("k8s/auto-mode.yaml", 13, "elbv2"),
    ("k8s/auto-mode.yaml", 19, "ec2"),
    # serverless-domain-manager's record in a hosted zone it names; a tab on a blank line (17) is
    # no reason to read the file line by line
    ("sls6/serverless.yml", 10, "route53"),  # createRoute53Record: true
    ("sls6/serverless.yml", 15, "lambda"),
    ("sls6/serverless.yml", 19, "apigateway"),
    # clients made in a loop over service names, and through a local helper that takes the name;
    # the same variable names outside their loops (line 22) bind nothing
    ("src/loops.py", 12, "sqs"),
    ("src/loops.py", 12, "kinesis"),
    ("src/loops.py", 14, "sns"),
    ("src/loops.py", 14, "athena"),
    ("src/loops.py", 15, "glue"),
    ("src/loops.py", 15, "emr"),
    ("src/loops.py", 16, "ssm"),
    ("src/loops.py", 17, "batch"),
    # aws-iam-authenticator mints EKS tokens; the metadata client handed to ec2rolecreds only
    # fetches credentials (no EC2); a Go CloudWatch Logs event
    ("src/logs.go", 7, "eks"),
    ("src/logs.go", 10, "logs"),
    # Pulumi (Python, TypeScript, Go), troposphere, the Glue job library, CDK for Go v1, a client
    # named by an Enum member, a connection decorator; Pulumi's own config module is not AWS Config
    ("src/pulumi_stack.py", 5, "lambda"),
    ("src/pulumi_stack.py", 6, "glue"),
    ("src/pulumi_stack.py", 8, "s3"),
    ("src/pulumi_stack.py", 9, "sts"),
    ("src/pulumi_stack.py", 18, "kinesis"),
    ("src/pulumi_stack.py", 21, "sqs"),
    ("src/stack.pulumi.ts", 3, "dynamodb"),
    ("src/pulumi.go", 4, "sns"),
    ("src/pulumi.go", 5, "sqs"),
    ("src/stack.ts", 2, "cloudfront"),
    ("src/stack.ts", 2, "s3"),
    ("src/stack.ts", 3, "iam"),
    # Argo Events sources and triggers in AWS; a ConfigMap's own sqs key is not one
    ("k8s/argo-events.yaml", 9, "sqs"),
    ("k8s/argo-events.yaml", 13, "sns"),
    ("k8s/argo-events.yaml", 25, "lambda"),
    # an ExternalSecret whose store, defined elsewhere, is named for AWS; a Google store is not
    ("k8s/external-secret-ref.yaml", 7, "secretsmanager"),
    ("k8s/external-secret-ref.yaml", 19, "ssm"),
    # pieces of a serverless.yml in their own files: functions' events (Lambda is the including
    # file's to say), IAM statements; a handler key in ordinary settings says nothing
    ("sls7/serverless.yml", 8, "lambda"),
    ("sls7/functions/worker.yml", 7, "sqs"),
    ("sls7/functions/worker.yml", 14, "apigateway"),
    ("sls7/functions/iam.yml", 3, "dynamodb"),
    ("sls7/functions/iam.yml", 7, "sns"),
    # the managed policy for Cognito's federated identities is Cognito Identity, not user pools
    ("cfn/managed-policies.yaml", 4, "lambda"),
    ("cfn/managed-policies.yaml", 9, "cognito-identity"),
    ("cfn/managed-policies.yaml", 10, "cognito-idp"),
    # provider settings that name or make resources: a function's VPC by its EC2 ids, images built
    # into ECR, buckets, API Gateway keys, the WebSocket API; a layer ARN and a destination queue
    ("sls8/serverless.yml", 5, "ec2"),  # the functions' VPC
    ("sls8/serverless.yml", 7, "ec2"),
    ("sls8/serverless.yml", 9, "ec2"),
    ("sls8/serverless.yml", 11, "ecr"),
    ("sls8/serverless.yml", 15, "s3"),
    ("sls8/serverless.yml", 18, "logs"),  # API Gateway access logs
    ("sls8/serverless.yml", 20, "apigateway"),
    ("sls8/serverless.yml", 23, "apigateway"),
    ("sls8/serverless.yml", 27, "iam"),
    ("sls8/serverless.yml", 27, "s3"),
    ("sls8/serverless.yml", 29, "lambda"),
    ("sls8/serverless.yml", 33, "apigateway"),
    ("sls8/serverless.yml", 35, "s3"),
    ("sls8/serverless.yml", 38, "lambda"),
    ("sls8/serverless.yml", 42, "sqs"),
    ("sls8/serverless.yml", 44, "lambda"),
    # the SDK for Java v2's enhanced DynamoDB client and transfer manager, the Android SDK and
    # Amplify for Android, the SDK for Kotlin; a log handler, a transfer setting, a Bedrock chat
    # model and a Celery broker on SQS (the Redis result backend says nothing)
    ("src/Enhanced.java", 3, "dynamodb"),
    ("src/Enhanced.java", 4, "s3"),
    ("src/Enhanced.java", 5, "s3"),
    ("src/Enhanced.java", 6, "cognito-idp"),
    ("src/Uploads.kt", 3, "s3"),
    ("src/Uploads.kt", 4, "sqs"),
    ("src/tasks.py", 3, "logs"),
    ("src/tasks.py", 4, "s3"),
    ("src/tasks.py", 5, "bedrock"),
    ("src/tasks.py", 7, "sqs"),
    # modules taken straight from the terraform-aws-modules organisation's repositories are named
    # by the repository, not the organisation; a non-AWS one is recorded as a module
    ("tf/git_modules.tf", 2, "eks"),
    ("tf/git_modules.tf", 6, "eks"),
    ("tf/git_modules.tf", 10, "module"),
    # CDK modules reached through the library's root (cdk.aws_s3.Bucket, cdk.aws_sns.Topic)
    ("src/root_stack.ts", 8, "s3"),
    ("src/root_stack.ts", 9, "dynamodb"),
    ("src/root_stack.ts", 10, "dynamodb"),
    ("src/root_app.py", 8, "sns"),
    # settings that bring a service in: tracing switched on (Globals, an API; PassThrough and a
    # disabled state machine's tracing do not), traffic shifting, a dead-letter topic, a Cognito
    # authorizer, a custom domain's certificate and hosted zone
    ("cfn/sam-settings.yaml", 5, "xray"),
    ("cfn/sam-settings.yaml", 8, "lambda"),
    ("cfn/sam-settings.yaml", 13, "codedeploy"),
    ("cfn/sam-settings.yaml", 16, "sns"),
    ("cfn/sam-settings.yaml", 21, "sqs"),
    ("cfn/sam-settings.yaml", 25, "apigateway"),
    ("cfn/sam-settings.yaml", 31, "acm"),
    ("cfn/sam-settings.yaml", 32, "route53"),
    ("cfn/sam-settings.yaml", 37, "cognito-idp"),
    ("cfn/sam-settings.yaml", 39, "lambda"),
    ("cfn/sam-settings.yaml", 46, "stepfunctions"),
    # an SES client and SDK module handed in, known by operations only SES has (a v3 command, a
    # v2 call); getItem on a cache or localStorage and an application's own command say nothing
    ("src/mailer.js", 11, "sesv2"),
    ("src/mailer.js", 13, "sesv2"),
    ("src/mailer.js", 22, "rds"),
    # round 11: a Serverless configuration under another name with API access logs, a WAF plugin
    # and a Lift queue's worker (settings.yml's service/provider keys are not Serverless's)
    ("sls9/forwarder.yml", 5, "logs"),
    ("sls9/forwarder.yml", 10, "wafv2"),
    ("sls9/forwarder.yml", 15, "sqs"),
    ("sls9/forwarder.yml", 17, "lambda"),
    ("sls9/forwarder.yml", 20, "lambda"),
    ("sls9/forwarder.yml", 23, "apigateway"),
    # Helm values with service: and provider: keys stay Helm values: their IRSA annotation counts
    ("sls9/values.yaml", 2, "route53"),  # external-dns values (the comment says so): provider aws is Route 53
    ("sls9/values.yaml", 7, "iam"),
    ("sls9/values.yaml", 7, "eks"),
    # S3's global host as an endpoint setting (not a principal); a storage class's KMS key; a
    # CloudWatch exporter and the namespaces it reads
    ("k8s/observability.yaml", 12, "s3"),  # an S3 settings block on AWS's endpoint
    ("k8s/observability.yaml", 13, "s3"),
    ("k8s/observability.yaml", 20, "ec2"),
    ("k8s/observability.yaml", 23, "kms"),
    ("k8s/cloudwatch-exporter-values.yaml", 2, "cloudwatch"),
    ("k8s/cloudwatch-exporter-values.yaml", 6, "cloudwatch"),
    # a Serverless configuration in code under another name, read as its YAML form would be
    # Rust: the AWS SDK and Rusoto, in code and in Cargo.toml (an ARN in a regex names nothing)
    ("rust/sink.rs", 3, "logs"),
    ("rust/sink.rs", 4, "s3"),
    ("rust/sink.rs", 5, "sqs"),
    ("rust/Cargo.toml", 6, "dynamodb"),
    ("rust/Cargo.toml", 8, "firehose"),
    ("src/bedrock_chat.js", 3, "bedrock"),  # LangChain's AWS package
    ("src/EncryptedRepo.java", 3, "s3"),
    ("src/EncryptedRepo.java", 4, "s3"),
    ("src/EncryptedRepo.java", 4, "kms"),  # S3 client-side encryption under a KMS key
    # org-formation's Community types, and a policy written as a JSON string
    ("cfn/scp.yaml", 4, "organizations"),
    ("cfn/scp.yaml", 12, "route53domains"),
    # a state machine's DeploymentPreference is Step Functions' own rollout, not CodeDeploy
    ("cfn/rollout.yaml", 4, "stepfunctions"),
    ("sls10/main.ts", 7, "stepfunctions"),  # the plugin, with its stepFunctions section
    ("sls10/serverless.yml", 6, "apigateway"),  # any REST API setting
    ("sls10/serverless.yml", 8, "ec2"),  # a VPC from Parameter Store
    ("sls10/serverless.yml", 9, "ssm"),
    ("sls10/serverless.yml", 14, "lambda"),
    ("sls10/serverless.yml", 15, "ec2"),  # one function's own VPC
    ("sls10/main.ts", 11, "s3"),
    ("sls10/main.ts", 13, "ssm"),
    ("sls10/main.ts", 16, "lambda"),
    ("sls10/main.ts", 20, "route53"),
    # function definitions in their own modules: their events count, Lambda is the includer's
    ("sls10/src/functions/index.ts", 5, "events"),
    ("sls10/src/functions/signup/index.ts", 8, "cognito-idp"),
    # Terraform state in S3, locked in DynamoDB (a gcs backend is not AWS)
    ("tf/backend.tf", 2, "s3"),
    ("tf/backend.tf", 6, "dynamodb"),
    ("tf/live/terragrunt.hcl", 2, "s3"),
    ("tf/live/terragrunt.hcl", 6, "dynamodb"),
    ("tf/live/app/terragrunt.hcl", 6, "rds"),  # Terragrunt deploys a registry module
    # KEDA scalers, an Argo Rollouts CloudWatch analysis, cert-manager's Route 53 solver
    ("k8s/scalers.yaml", 5, "sqs"),
    ("k8s/scalers.yaml", 8, "dynamodb"),
    ("k8s/scalers.yaml", 21, "cloudwatch"),
    ("k8s/scalers.yaml", 29, "route53"),
    # log shipper settings (a disabled section names nothing), an EMR release, S3 settings blocks
    # (not one on MinIO's endpoint, nor a disabled one)
    ("k8s/shipper-values.yaml", 7, "opensearch"),
    ("k8s/shipper-values.yaml", 10, "emr"),
    ("k8s/shipper-values.yaml", 12, "s3"),
    # Zappa, Chalice (config, policy file, event decorators), Architect and SST v3
    ("frameworks/zappa_settings.json", 3, "lambda"),
    ("frameworks/zappa_settings.json", 5, "s3"),
    ("frameworks/chalice/.chalice/config.json", 3, "lambda"),
    ("frameworks/chalice/.chalice/policy-dev.json", 2, "iam"),  # a policy document of its own
    ("frameworks/chalice/.chalice/policy-dev.json", 4, "sqs"),
    ("frameworks/chalice/app.py", 1, "lambda"),
    ("frameworks/chalice/app.py", 1, "apigateway"),
    ("frameworks/chalice/app.py", 6, "events"),
    ("frameworks/chalice/app.py", 11, "sqs"),
    ("frameworks/app.arc", 4, "apigateway"),
    ("frameworks/app.arc", 4, "lambda"),
    ("frameworks/app.arc", 7, "dynamodb"),
    ("frameworks/sst/sst.config.ts", 7, "cloudfront"),  # SST's global Pulumi provider
    ("frameworks/sst/infra/web.ts", 1, "cloudfront"),
    ("frameworks/sst/infra/web.ts", 1, "lambda"),
    ("frameworks/sst/infra/web.ts", 1, "s3"),
    ("frameworks/sst/infra/web.ts", 2, "rds"),
    # a Secrets Manager secret through Parameter Store; a CloudFront origin access identity's ARN
    ("frameworks/serverless.ssm.yml", 5, "secretsmanager"),
    ("frameworks/serverless.ssm.yml", 5, "ssm"),
    ("frameworks/serverless.ssm.yml", 9, "s3"),
    ("frameworks/serverless.ssm.yml", 16, "cloudfront"),
    # Ansible's AWS modules, by full name anywhere and by short name in a task
    ("ansible/site.yml", 7, "ec2"),
    ("ansible/tasks.yml", 4, "iam"),
    ("ansible/tasks.yml", 15, "s3"),
    ("ansible/tasks.yml", 19, "elbv2"),
    # an ACM validation record, a Terraform run targeting an AWS resource, Packer's Amazon builders
    ("tf/dns.tf", 3, "acm"),
    ("ci/dns.yml", 5, "route53"),
    ("tf/image.pkr.hcl", 1, "ec2"),
    ("tf/image.pkr.hcl", 5, "ec2"),
    # Elixir's ExAws (a commented-out call names nothing) and its mix dependencies; the Go CDK's
    # AWS drivers (not its GCS one)
    ("elixir/s3.ex", 7, "s3"),
    ("elixir/mix.exs", 5, "dynamodb"),
    ("src/blob.go", 6, "s3"),
    ("src/blob.go", 7, "kms"),
    ("k8s/external-dns-values.yaml", 5, "iam"),  # a kube2iam role annotation
    ("k8s/external-dns-values.yaml", 6, "route53"),  # provider: aws in external-dns's values
    ("k8s/external-dns-values.yaml", 8, "route53"),
    ("k8s/external-dns-new-values.yaml", 3, "route53"),  # provider: {name: aws}
    ("k8s/karpenter-values.yaml", 3, "sqs"),  # the interruption queue; an empty one names nothing
    ("k8s/karpenter-values.yaml", 6, "ec2"),
    ("k8s/fluent-bit-values.yaml", 4, "logs"),
    ("k8s/fluent-bit-values.yaml", 8, "firehose"),
    ("k8s/eksctl-iam.yaml", 1, "eks"),
    ("k8s/eksctl-iam.yaml", 5, "iam"),
    ("k8s/eksctl-iam.yaml", 6, "iam"),
    # log delivery's principal and a kms:ViaService value grant, they are not calls; a CloudFront
    # certificate property names ACM
    ("cfn/principals.yaml", 3, "s3"),
    ("cfn/principals.yaml", 15, "kms"),
    ("cfn/principals.yaml", 21, "cloudfront"),
    ("cfn/principals.yaml", 25, "acm"),
    # Pulumi's cloudwatch module by its members: EventRule is EventBridge, LogGroup is Logs
    ("src/pulumi_events.py", 1, "sns"),
    ("src/pulumi_events.py", 2, "logs"),
    ("src/pulumi_events.py", 5, "events"),
    ("src/pulumi_events.py", 6, "events"),
    ("src/pulumi_alarm.ts", 3, "events"),
    ("src/pulumi_alarm.ts", 4, "cloudwatch"),
    # cluster objects Terraform manages: an IRSA annotation (written out, or escaped in a Helm
    # release's set block), a Karpenter node class; a plain deployment's labels name nothing
    ("tf/cluster-objects.tf", 5, "eks"),
    ("tf/cluster-objects.tf", 5, "iam"),
    ("tf/cluster-objects.tf", 12, "ec2"),
    ("tf/helm-irsa.tf", 5, "eks"),
    ("tf/helm-irsa.tf", 5, "iam"),
    ("tf/delegation.tf", 1, "cloudflare"),
    ("tf/delegation.tf", 3, "route53"),  # Route 53's name servers in an NS delegation
    # ARN prefixes taken apart by string handling name nothing; one built up names SNS
    ("src/arn_parts.py", 11, "sns"),
    ("src/secret_repo.py", 9, "secretsmanager"),  # a client handed in as secret_manager
    # "tag:Cluster" is an EC2 filter, tag:GetResources the tagging API's action
    ("src/cluster_filter.go", 5, "ec2"),
    ("src/cluster_filter.go", 12, "resourcegroupstaggingapi"),
    # an identity pool is Cognito Identity's (the CDK module, aws_cognito, is the user pools');
    # the federated principal's sts action is how the role is assumed; a function passed in and
    # granted to a role is Lambda
    ("src/identity_stack.ts", 4, "iam"),
    ("src/identity_stack.ts", 5, "cognito-idp"),
    ("src/identity_stack.ts", 5, "cognito-identity"),
    ("src/identity_stack.ts", 6, "iam"),
    ("src/identity_stack.ts", 7, "iam"),
    ("src/identity_stack.ts", 13, "lambda"),
    ("src/encrypt.ts", 1, "kms"),  # the Encryption SDK's KMS keyring; its raw AES keyring is local
    # a KMS alias in a setting named for KMS; a Lift queue whose worker is a container image
    ("sls13/serverless.yml", 5, "kms"),
    ("sls13/serverless.yml", 11, "sqs"),
    ("sls13/serverless.yml", 13, "lambda"),
    # AWS CLI commands in a template's build spec and in Terraform's user data
    ("cfn/build-project.yaml", 4, "codebuild"),
    ("cfn/build-project.yaml", 14, "batch"),
    ("tf/user-data.tf", 1, "ec2"),
    ("tf/user-data.tf", 6, "ssm"),
    ("tf/s3-sink.tf", 6, "s3"),  # a Kafka Connect S3 sink's bucket
    # a plugin with its section (Amplify) and one without (s3-sync, silent); a lower-case action
    # in a permission policy; a dynamic reference to a public parameter
    ("sls14/serverless.yml", 5, "amplify"),
    ("sls14/serverless.yml", 13, "iam"),
    ("sls14/serverless.yml", 18, "sts"),
    ("sls14/serverless.yml", 21, "ec2"),
    ("sls14/serverless.yml", 23, "ssm"),
    # a bucket in a container's environment entry (not one read from a secret); Loki's S3 store
    # naming its buckets, but not when the chart's own MinIO serves it; Argo CD reaching EKS
    ("k8s/bucket-env.yaml", 11, "s3"),
    ("k8s/loki-values.yaml", 3, "s3"),
    ("k8s/argocd-cluster.yaml", 9, "eks"),
    ("k8s/argocd-cluster.yaml", 12, "eks"),
    # goformation's resource types: AWS::SQS::Queue, AWS::Serverless::Function
    ("src/goformation.go", 10, "sqs"),
    ("src/goformation.go", 11, "lambda"),
    ("k8s/falco-values.yaml", 4, "logs"),  # a log group of AWS's own, read by Falco's EKS plugin
    # a SAM function's code in a bucket given as {Bucket, Key}; a library that only wraps S3
    ("cfn/sam-code-bucket.yaml", 7, "lambda"),
    ("cfn/sam-code-bucket.yaml", 11, "s3"),
    ("src/ons_upload.go", 4, "s3"),
}


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    return scan_paths([PATTERNS], catalog=Catalog.load(), progress=False, workers=1)


def test_real_world_patterns_found_at_their_lines_and_traps_silent(inventory: Inventory) -> None:
    found = {(r.location.path, r.location.line, r.service) for r in inventory.resources if r.location}
    assert found == EXPECTED
    assert [error.target for error in inventory.errors] == ["sls/serverless.fragment.yml"]


def test_every_finding_quotes_its_line(inventory: Inventory) -> None:
    for resource in inventory.resources:
        assert resource.location is not None
        line = (PATTERNS / resource.location.path).read_text().splitlines()[resource.location.line - 1]
        if "***" not in (resource.location.evidence or ""):
            assert resource.location.evidence == line.strip()[: len(resource.location.evidence or "")]
